namespace ReviewBot.Discord.Models;

/// <summary>GET /guilds/{guild_id}: the fields the bot reads of a server (the serializer skips the rest).</summary>
public sealed record GuildSummary
{
    public Snowflake Id { get; init; }

    /// <summary>Where Discord posts the server's system messages; null when the server turned that off.</summary>
    public Snowflake? SystemChannelId { get; init; }
}
