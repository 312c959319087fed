using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>
/// Autocomplete for every <c>show</c> option: up to 25 titles, prefix matches then fuzzy ones, each
/// valued with the slug /review and /episode accept. A choice's name is 1-100 characters and its
/// value at most 100 (<see cref="ReviewBot.Discord.Interactions.DiscordLimits.ChoiceName"/>).
/// </summary>
public sealed class ShowChoices(ShowTitleSuggester suggester)
{
    public const string OptionName = "show";

    public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> SuggestAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var focused = context.Interaction.Data?.FocusedOption;
        if (focused is not null && focused.Name != OptionName)
        {
            return []; // only the show option autocompletes
        }

        var typed = focused?.GetString() ?? "";
        var shows = await suggester.SuggestAsync(typed, DiscordLimits.AutocompleteChoices, cancellationToken);
        return AutocompleteChoices.FromStrings(shows.Select(s => (s.Title, s.Slug)));
    }

    public static ApplicationCommandOption Option(bool required, string description) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = OptionName,
        Description = description,
        Required = required,
        Autocomplete = true,
        MaxLength = 100,
    };
}
