using System.Text.Json;

namespace ReviewBot.Discord.Models;

/// <summary>Application command types (docs: Application Command Types).</summary>
public enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
}

/// <summary>Option types (docs: Application Command Option Type).</summary>
public enum ApplicationCommandOptionType
{
    SubCommand = 1,
    SubCommandGroup = 2,
    String = 3,
    Integer = 4,
    Boolean = 5,
    User = 6,
    Channel = 7,
    Role = 8,
    Mentionable = 9,
    Number = 10,
    Attachment = 11,
}

/// <summary>How the app must be installed for a command to be offered (docs: Application Integration Types).</summary>
public enum ApplicationIntegrationType
{
    /// <summary>Added to a server: the command shows to that server's members.</summary>
    GuildInstall = 0,

    /// <summary>Added to a person's account: the command follows them into DMs and any server.</summary>
    UserInstall = 1,
}

/// <summary>Where a command can be used (docs: Interaction Context Types).</summary>
public enum InteractionContextType
{
    Guild = 0,
    BotDm = 1,
    PrivateChannel = 2,
}

/// <summary>
/// A command definition for the bulk-overwrite PUT (OpenAPI: ApplicationCommandUpdateRequest).
/// Names must match <c>^[-_'\p{L}\p{N}]{1,32}$</c> in lowercase; descriptions are 1-100 characters.
/// </summary>
public sealed record ApplicationCommandDefinition
{
    public required string Name { get; init; }

    public ApplicationCommandType Type { get; init; } = ApplicationCommandType.ChatInput;

    /// <summary>1-100 characters for slash commands; must be absent or empty for user/message commands.</summary>
    public string? Description { get; init; }

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    /// <summary>Sent as a decimal string as the docs require; <see cref="Models.Permissions.None"/> ("0") = admins only, null = everyone.</summary>
    public Permissions? DefaultMemberPermissions { get; init; }

    /// <summary>Installs that offer the command; Discord assumes guild install only when absent.</summary>
    public IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes { get; init; }

    public IReadOnlyList<InteractionContextType>? Contexts { get; init; }

    public bool? Nsfw { get; init; }
}

/// <summary>An option of a command (OpenAPI: ApplicationCommand*Option). Required options must precede optional ones.</summary>
public sealed record ApplicationCommandOption
{
    public required ApplicationCommandOptionType Type { get; init; }

    public required string Name { get; init; }

    public required string Description { get; init; }

    public bool? Required { get; init; }

    /// <summary>At most 25; not together with <see cref="Autocomplete"/>.</summary>
    public IReadOnlyList<ApplicationCommandOptionChoice>? Choices { get; init; }

    /// <summary>Sub-options of SUB_COMMAND / SUB_COMMAND_GROUP.</summary>
    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    public IReadOnlyList<ChannelType>? ChannelTypes { get; init; }

    public double? MinValue { get; init; }

    public double? MaxValue { get; init; }

    public int? MinLength { get; init; }

    public int? MaxLength { get; init; }

    public bool? Autocomplete { get; init; }
}

/// <summary>A choice of an option or an autocomplete result: name 1-100 characters, string value at most 100.</summary>
public sealed record ApplicationCommandOptionChoice(string Name, JsonElement Value)
{
    public static ApplicationCommandOptionChoice String(string name, string value) =>
        new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.String));

    public static ApplicationCommandOptionChoice Integer(string name, long value) =>
        new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Int64));

    public static ApplicationCommandOptionChoice Number(string name, double value) =>
        new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Double));
}

/// <summary>A registered command as Discord returns it (OpenAPI: ApplicationCommandResponse).</summary>
public sealed record ApplicationCommand
{
    public required Snowflake Id { get; init; }

    public Snowflake ApplicationId { get; init; }

    public Snowflake? GuildId { get; init; }

    /// <summary>Empty, not null, when a response leaves it out (the generated reader's null; see <see cref="Message"/>'s remarks).</summary>
    public string Name { get; init => field = value ?? ""; } = "";

    public string? Description { get; init; }

    public ApplicationCommandType Type { get; init; } = ApplicationCommandType.ChatInput;

    public Snowflake Version { get; init; }

    public IReadOnlyList<ApplicationCommandOption>? Options { get; init; }

    public Permissions? DefaultMemberPermissions { get; init; }

    public IReadOnlyList<ApplicationIntegrationType>? IntegrationTypes { get; init; }

    public IReadOnlyList<InteractionContextType>? Contexts { get; init; }
}
