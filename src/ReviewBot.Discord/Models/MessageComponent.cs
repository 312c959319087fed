namespace ReviewBot.Discord.Models;

/// <summary>Component types (docs: Component Types); only the legacy layout is used.</summary>
public enum ComponentType
{
    ActionRow = 1,
    Button = 2,
    StringSelect = 3,
}

/// <summary>Button styles (docs: Button Styles). Link buttons carry a url and no custom_id.</summary>
public enum ButtonStyle
{
    Primary = 1,
    Secondary = 2,
    Success = 3,
    Danger = 4,
    Link = 5,
}

/// <summary>
/// One component of the legacy layout: an action row, a button or a string select. A single flat
/// shape keeps (de)serialization simple; the builders in <c>Interactions</c> only fill the fields
/// that belong to each type and enforce Discord's limits.
/// </summary>
public sealed record MessageComponent
{
    public required ComponentType Type { get; init; }

    public ButtonStyle? Style { get; init; }

    public string? Label { get; init; }

    public string? CustomId { get; init; }

    public string? Url { get; init; }

    public bool? Disabled { get; init; }

    public string? Placeholder { get; init; }

    public int? MinValues { get; init; }

    public int? MaxValues { get; init; }

    public IReadOnlyList<SelectOption>? Options { get; init; }

    /// <summary>Children of an action row.</summary>
    public IReadOnlyList<MessageComponent>? Components { get; init; }
}

public sealed record SelectOption(string Label, string Value)
{
    public string? Description { get; init; }

    public bool? Default { get; init; }
}
