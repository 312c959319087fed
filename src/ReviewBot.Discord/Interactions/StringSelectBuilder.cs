using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>A string select menu (component type 3) with 1-25 options; label, value and description at most 100 characters.</summary>
public sealed class StringSelectBuilder(string customId)
{
    private readonly string _customId = Buttons.CheckCustomId(customId);
    private readonly List<SelectOption> _options = [];
    private string? _placeholder;
    private int? _minValues;
    private int? _maxValues;

    public StringSelectBuilder WithPlaceholder(string placeholder)
    {
        _placeholder = TextShortener.Shorten(placeholder, DiscordLimits.SelectPlaceholder);
        return this;
    }

    public StringSelectBuilder WithValueCount(int min, int max)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(min);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, Math.Max(1, min));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(max, DiscordLimits.SelectOptions);
        (_minValues, _maxValues) = (min, max);
        return this;
    }

    /// <summary>Adds an option; values are identifiers, so one that is too long throws rather than being shortened.</summary>
    public StringSelectBuilder AddOption(string label, string value, string? description = null, bool isDefault = false)
    {
        if (_options.Count >= DiscordLimits.SelectOptions)
        {
            throw new InvalidOperationException($"A select menu holds at most {DiscordLimits.SelectOptions} options.");
        }

        if (string.IsNullOrEmpty(value) || value.Length > DiscordLimits.SelectOptionText)
        {
            throw new ArgumentException($"A select option value holds 1-{DiscordLimits.SelectOptionText} characters.", nameof(value));
        }

        _options.Add(new SelectOption(TextShortener.Shorten(label, DiscordLimits.SelectOptionText), value)
        {
            Description = description is null ? null : TextShortener.Shorten(description, DiscordLimits.SelectOptionText),
            Default = isDefault ? true : null,
        });
        return this;
    }

    /// <summary>The select menu wrapped in its own action row, ready for a message's components.</summary>
    public MessageComponent BuildRow()
    {
        if (_options.Count == 0)
        {
            throw new InvalidOperationException("A select menu needs at least one option.");
        }

        var select = new MessageComponent
        {
            Type = ComponentType.StringSelect,
            CustomId = _customId,
            Placeholder = _placeholder,
            MinValues = _minValues,
            MaxValues = _maxValues is { } max ? Math.Min(max, _options.Count) : null,
            Options = [.. _options],
        };
        return new ActionRowBuilder().Add(select).Build();
    }
}
