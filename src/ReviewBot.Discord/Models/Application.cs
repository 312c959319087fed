namespace ReviewBot.Discord.Models;

/// <summary>GET /applications/@me (OpenAPI: PrivateApplicationResponse), the fields the bot reads.</summary>
public sealed record Application
{
    public required Snowflake Id { get; init; }

    public string Name { get; init; } = "";

    public string? Description { get; init; }

    public long? Flags { get; init; }

    public bool? BotPublic { get; init; }

    public User? Bot { get; init; }
}
