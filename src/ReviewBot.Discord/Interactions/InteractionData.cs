using System.Globalization;
using System.Text.Json;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// The <c>data</c> of an interaction: command fields (id, name, type, options, resolved) or
/// component fields (custom_id, component_type, values), depending on the interaction type.
/// </summary>
public sealed record InteractionData
{
    public Snowflake? Id { get; init; }

    public string? Name { get; init; }

    public ApplicationCommandType? Type { get; init; }

    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    public InteractionResolvedData? Resolved { get; init; }

    public Snowflake? GuildId { get; init; }

    public Snowflake? TargetId { get; init; }

    public string? CustomId { get; init; }

    public ComponentType? ComponentType { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The option the user is typing in an autocomplete interaction, searched through subcommands.</summary>
    public InteractionDataOption? FocusedOption => InteractionDataOption.FindFocused(Options);
}

/// <summary>
/// An option the user filled in. <see cref="Value"/> and nested <see cref="Options"/> are exclusive;
/// in autocomplete the focused value may be partial text even for numeric options.
/// </summary>
public sealed record InteractionDataOption
{
    public required string Name { get; init; }

    public ApplicationCommandOptionType Type { get; init; }

    public InteractionOptionValue? Value { get; init; }

    public IReadOnlyList<InteractionDataOption>? Options { get; init; }

    public bool? Focused { get; init; }

    public string? GetString() => Value?.Text;

    public long? GetInt64() =>
        Value is { Kind: JsonValueKind.Number or JsonValueKind.String } v
        && long.TryParse(v.Text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;

    /// <summary>A number option's value; throws <see cref="FormatException"/> for a literal no double can hold, as reading it from JSON would.</summary>
    public double? GetDouble() =>
        Value is { Kind: JsonValueKind.Number } v
            ? double.TryParse(v.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && double.IsFinite(n)
                ? n
                : throw new FormatException($"The number option {Name} does not fit a double.")
            : null;

    public bool? GetBoolean() => Value?.Kind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    internal static InteractionDataOption? FindFocused(IReadOnlyList<InteractionDataOption>? options)
    {
        if (options is null)
        {
            return null;
        }

        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option.Focused == true)
            {
                return option;
            }

            if (FindFocused(option.Options) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}

/// <summary>Users, members, roles and channels referenced by the options, keyed by snowflake string.</summary>
public sealed record InteractionResolvedData
{
    public IReadOnlyDictionary<string, User>? Users { get; init; }

    public IReadOnlyDictionary<string, GuildMember>? Members { get; init; }

    public IReadOnlyDictionary<string, JsonElement>? Roles { get; init; }

    public IReadOnlyDictionary<string, Channel>? Channels { get; init; }
}
