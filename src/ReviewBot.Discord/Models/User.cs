namespace ReviewBot.Discord.Models;

/// <summary>A Discord user (OpenAPI: UserResponse), the fields the bot reads.</summary>
/// <remarks>
/// The source-generated JSON reader builds a record with an object initializer, so a field the JSON
/// leaves out is set to null over the property's initializer; the texts and lists declared non-null
/// turn a null back into empty, as every reader of them expects.
/// </remarks>
public sealed record User
{
    public required Snowflake Id { get; init; }

    public string Username { get; init => field = value ?? ""; } = "";

    public string? GlobalName { get; init; }

    public string? Discriminator { get; init; }

    public bool? Bot { get; init; }
}

/// <summary>A user's membership of a guild; in interactions it carries the invoker's channel permissions.</summary>
public sealed record GuildMember
{
    public User? User { get; init; }

    public string? Nick { get; init; }

    public IReadOnlyList<Snowflake> Roles { get; init => field = value ?? []; } = [];

    /// <summary>Only present on interaction payloads: the member's permissions in the channel.</summary>
    public Permissions? Permissions { get; init; }
}
