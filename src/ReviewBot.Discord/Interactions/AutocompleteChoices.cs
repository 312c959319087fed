using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Autocomplete results within Discord's limits: at most 25 choices, name 1-100 characters
/// (shortened), string value at most 100 (a longer value cannot be shortened without changing what it
/// means, so that choice is skipped).
/// </summary>
public static class AutocompleteChoices
{
    public static IReadOnlyList<ApplicationCommandOptionChoice> FromStrings(IEnumerable<(string Name, string Value)> choices) =>
        choices
            .Where(c => c.Value.Length <= DiscordLimits.ChoiceStringValue && !string.IsNullOrWhiteSpace(c.Name))
            .Take(DiscordLimits.AutocompleteChoices)
            .Select(c => ApplicationCommandOptionChoice.String(TextShortener.Shorten(c.Name, DiscordLimits.ChoiceName), c.Value))
            .ToList();

    public static IReadOnlyList<ApplicationCommandOptionChoice> FromIntegers(IEnumerable<(string Name, long Value)> choices) =>
        choices
            .Where(c => !string.IsNullOrWhiteSpace(c.Name))
            .Take(DiscordLimits.AutocompleteChoices)
            .Select(c => ApplicationCommandOptionChoice.Integer(TextShortener.Shorten(c.Name, DiscordLimits.ChoiceName), c.Value))
            .ToList();
}
