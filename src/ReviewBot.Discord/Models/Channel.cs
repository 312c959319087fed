namespace ReviewBot.Discord.Models;

/// <summary>Channel types the bot cares about (docs: Channel Types).</summary>
public enum ChannelType
{
    GuildText = 0,
    Dm = 1,
    GuildVoice = 2,
    GuildCategory = 4,
    GuildAnnouncement = 5,
    AnnouncementThread = 10,
    PublicThread = 11,
    PrivateThread = 12,
    GuildForum = 15,
    GuildMedia = 16,
}

/// <summary>A channel or thread (OpenAPI: GuildChannelResponse / ThreadResponse), the fields the bot reads.</summary>
public sealed record Channel
{
    public required Snowflake Id { get; init; }

    public ChannelType Type { get; init; }

    public Snowflake? GuildId { get; init; }

    public string? Name { get; init; }

    public Snowflake? ParentId { get; init; }

    /// <summary>
    /// Only in an interaction's resolved channels: the invoker's permissions in this channel, overwrites
    /// included (docs: Interactions, Application Commands, "Resolved Data Structure").
    /// </summary>
    public Permissions? Permissions { get; init; }

    /// <summary>Only on threads: whether it is archived, and since when.</summary>
    public ThreadMetadata? ThreadMetadata { get; init; }

    /// <summary>Only on the answer to forum thread creation: the thread's starter message.</summary>
    public Message? Message { get; init; }
}
