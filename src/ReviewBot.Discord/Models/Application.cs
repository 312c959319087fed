namespace ReviewBot.Discord.Models;

/// <summary>GET /applications/@me (OpenAPI: PrivateApplicationResponse), the fields the bot reads.</summary>
/// <remarks>
/// The source-generated JSON reader builds a record with an object initializer, so a field the JSON
/// leaves out is set to null over the property's initializer; the texts and lists declared non-null
/// turn a null back into empty, as every reader of them expects.
/// </remarks>
public sealed record Application
{
    public required Snowflake Id { get; init; }

    public string Name { get; init => field = value ?? ""; } = "";

    public string? Description { get; init; }

    public long? Flags { get; init; }

    public bool? BotPublic { get; init; }

    public User? Bot { get; init; }
}
