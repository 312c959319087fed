using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>Interaction types (docs: Interaction Type).</summary>
public enum InteractionType
{
    Ping = 1,
    ApplicationCommand = 2,
    MessageComponent = 3,
    ApplicationCommandAutocomplete = 4,
    ModalSubmit = 5,
}

/// <summary>
/// An interaction as delivered by INTERACTION_CREATE or the HTTP endpoint (docs: Interaction
/// Object). Parse it with <see cref="InteractionJson"/>. <see cref="Token"/> is a credential for
/// 15 minutes, so <see cref="ToString"/> leaves it out.
/// </summary>
public sealed record Interaction
{
    public required Snowflake Id { get; init; }

    public required Snowflake ApplicationId { get; init; }

    public required InteractionType Type { get; init; }

    public InteractionData? Data { get; init; }

    public Snowflake? GuildId { get; init; }

    public Snowflake? ChannelId { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>In guilds: the invoker with their permissions in the channel.</summary>
    public GuildMember? Member { get; init; }

    /// <summary>In DMs: the invoker.</summary>
    public User? User { get; init; }

    public required string Token { get; init; }

    public int Version { get; init; } = 1;

    /// <summary>For component interactions: the message the component is attached to.</summary>
    public Message? Message { get; init; }

    /// <summary>What the bot itself may do in this channel.</summary>
    public Permissions? AppPermissions { get; init; }

    public string? Locale { get; init; }

    public string? GuildLocale { get; init; }

    public InteractionContextType? Context { get; init; }

    /// <summary>The invoker, whether in a guild (member.user) or a DM (user).</summary>
    public User? Invoker => Member?.User ?? User;

    public override string ToString() =>
        $"Interaction {{ Id = {Id}, Type = {Type}, Name = {Data?.Name ?? Data?.CustomId}, GuildId = {GuildId}, ChannelId = {ChannelId} }}";
}
