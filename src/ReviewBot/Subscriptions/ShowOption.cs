using ReviewBot.Core.Answers;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>The optional <c>show</c> option shared by /subscribe and /unsubscribe: autocomplete and resolution.</summary>
public sealed class ShowOption(ShowResolver resolver, ShowTitleSuggester suggester)
{
    public const string Name = "show";

    public static ApplicationCommandOption Definition(string description) => new()
    {
        Type = ApplicationCommandOptionType.String,
        Name = Name,
        Description = description,
        Autocomplete = true,
        MaxLength = MaxLength,
    };

    private const int MaxLength = 100;

    public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> SuggestAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var focused = context.Interaction.Data?.FocusedOption;
        if (focused is not null && focused.Name != Name)
        {
            return []; // only the show option autocompletes: titles are no choices for a number, a role or a channel
        }

        var typed = focused?.GetString() ?? "";
        var shows = await suggester.SuggestAsync(typed, ShowTitleSuggester.MaxLimit, cancellationToken);
        // Shortened as /review's suggestions are: at a word where it can be, never inside an emoji.
        return AutocompleteChoices.FromStrings(shows.Select(s => (s.Title, s.Slug)));
    }

    /// <summary>(null, null) for "every show" (the option left out); the show; or the reply that says no such show.</summary>
    public async Task<(ShowChoice? Show, string? Problem)> ResolveAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (context.Option(Name) is null)
        {
            return (null, null);
        }

        // Filled in but blank names no show. Read as left out it would mean every show, and
        // /unsubscribe would stop all of the channel's announcements for a slip of the space bar.
        var typed = context.GetString(Name)?.Trim();
        if (string.IsNullOrEmpty(typed))
        {
            return (null, "The show option is empty: pick a show from its list, or leave the option out for every show. Nothing changed.");
        }

        var (show, suggestions) = await resolver.ResolveAsync(typed, cancellationToken);
        if (show is not null)
        {
            return (new ShowChoice(show.Id, show.Title), null);
        }

        // What was typed is echoed short and as text: Discord's max_length binds only its client, and a
        // long echo would fill the reply's 2,000 characters, cutting off the suggestions after it.
        // The suggestions are whole, as /review's are: those that do not fit are counted, not cut.
        var problem = $"I have no reviews of a show called \"{TypedText.Quote(typed, MaxLength)}\".";
        return (null, suggestions.Count == 0
            ? problem
            : WholeItems.Join(problem + " Did you mean ", suggestions.Select(s => Bold(TextShortener.Shorten(s.Title, SuggestionTitleLength))).ToList(), ", ", DiscordLimits.MessageContent, "?"));
    }

    /// <summary>How much of a suggested title is shown: five whole suggestions fit a message's 2000 characters.</summary>
    private const int SuggestionTitleLength = 100;

    /// <summary>A show's title in bold, as text: titles come from imports and feeds, and may hold Markdown.</summary>
    public static string Bold(string title) => $"**{MarkdownEscaper.Escape(title)}**";
}

public sealed record ShowChoice(long Id, string Title);
