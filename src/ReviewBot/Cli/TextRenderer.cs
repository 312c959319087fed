using System.Globalization;
using System.Text;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Cli;

/// <summary>Answer models as terminal text for the ask verb; the Discord embeds show the same facts.</summary>
public sealed class TextRenderer
{
    public string Render(ReviewAnswer answer) => answer switch
    {
        ReviewAnswer.Found found => RenderReview(found.Review),
        ReviewAnswer.ShowNotFound notFound => NotFound(notFound.Query, notFound.Suggestions),
        ReviewAnswer.SeasonNotFound season => NoSeason(season.Show, season.Season, season.AvailableSeasons),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "no text for this answer"),
    };

    public string Render(EpisodeAnswer answer) => answer switch
    {
        EpisodeAnswer.Found found => RenderEpisode(found),
        EpisodeAnswer.ShowNotFound notFound => NotFound(notFound.Query, notFound.Suggestions),
        EpisodeAnswer.SeasonNotFound season => NoSeason(season.Show, season.Season, season.AvailableSeasons),
        EpisodeAnswer.OutOfRange range => range.IsSkipped
            ? $"{range.Show.Title} Season {range.Season} has episodes {range.First}–{range.Last}, but its guide skips episode {range.Requested}."
            : $"{range.Show.Title} Season {range.Season} has episodes {range.First}–{range.Last}; there is no episode {range.Requested}.",
        EpisodeAnswer.WhichShow which =>
            $"Several shows have an episode {which.Number}. Which one did you mean?" + Environment.NewLine
            + string.Join(Environment.NewLine, which.Candidates.Select(c => $"  • {c.Show.Title} Season {c.Season}  (/episode {which.Number} show:{c.Show.Slug})"))
            + (which.Total > which.Candidates.Count
                ? $"{Environment.NewLine}  …and {which.Total - which.Candidates.Count} more: name the show with show:"
                : ""),
        EpisodeAnswer.NoSuchEpisode none => none.Season is { } s
            ? $"No reviewed show has an episode {none.Number} in season {s}."
            : $"No reviewed show has an episode {none.Number}.",
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "no text for this answer"),
    };

    /// <param name="hits">The best hits, one more than <paramref name="limit"/> when there are more: that one is not printed, it says more match.</param>
    public string Render(string query, IReadOnlyList<SearchHit> hits, int limit) => hits.Count == 0
        ? $"No reviews mention \"{query}\"."
        : string.Join(Environment.NewLine, hits.Take(limit).Select(h => $"• {h.Show.Title} Season {h.Season} – {h.Headline}{Environment.NewLine}  {string.Concat(h.SnippetParts().Select(p => p.IsMatch ? $"**{p.Text}**" : p.Text))}"))
          + (hits.Count > limit ? Environment.NewLine + SearchEmbedRenderer.MoreMatch : "");

    public string Render(IReadOnlyList<ReviewListing> latest) => latest.Count == 0
        ? "No reviews yet."
        : string.Join(Environment.NewLine, latest.Select(r =>
            $"• {r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}  {r.Show.Title} Season {r.Season} – {r.Headline}"
            + (r.Verdict is { } v ? $"  ({v})" : "")));

    public string Render(TopReviews top)
    {
        var text = new StringBuilder();
        text.AppendLine("By the critic's verdict:");
        text.AppendLine(top.ByVerdict.Count == 0 ? "  No verdicts yet." : Ranked(top.ByVerdict, byCommunity: false));
        text.AppendLine(CultureInfo.InvariantCulture, $"By the community (at least {top.MinimumRatings} ratings):");
        text.Append(top.ByCommunity.Count == 0 ? $"  No season has {top.MinimumRatings} ratings yet." : Ranked(top.ByCommunity, byCommunity: true));
        return text.ToString();
    }

    private static string Ranked(IReadOnlyList<RankedReview> list, bool byCommunity) =>
        string.Join(Environment.NewLine, list.Select((r, i) =>
        {
            var verdict = r.VerdictOutOfTen is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.#}/10") : "no verdict";
            var community = r.Community is { Average: { } a, Count: var n and > 0 }
                ? string.Create(CultureInfo.InvariantCulture, $"{a:0.0}/10 ({n} {(n == 1 ? "rating" : "ratings")})")
                : "not rated";
            var figures = byCommunity ? $"{community}, verdict {verdict}" : $"{verdict}, community {community}";
            return string.Create(CultureInfo.InvariantCulture, $"  {i + 1,2}. {r.ShowTitle} Season {r.Season} – {figures}");
        }));

    private static string RenderReview(ReviewDetails review)
    {
        var text = new StringBuilder();
        text.AppendLine($"{review.Show.Title} — Season {review.Season}");
        if (review.Headline.Length > 0)
        {
            text.AppendLine(review.Headline);
        }

        if (review.Verdict is { } verdict)
        {
            text.AppendLine($"Verdict: {verdict}");
        }

        if (review.Community is { Average: { } community, Count: var ratings and > 0 })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Community: {community:0.0}/10 · {ratings} {(ratings == 1 ? "rating" : "ratings")}");
        }

        if (Byline(review) is { Length: > 0 } byline)
        {
            text.AppendLine(byline);
        }

        if (review.Summary.Length > 0)
        {
            text.AppendLine().AppendLine(review.Summary);
        }

        text.AppendLine().Append("Episode guide");
        if (review.AverageEpisodeScore is { } average)
        {
            text.Append(CultureInfo.InvariantCulture, $" (average {Average(average)})");
        }

        text.AppendLine();
        foreach (var episode in review.Episodes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {episode.Number,3}. {EpisodeLine(episode)}");
        }

        if (review.Best.Count > 0)
        {
            text.AppendLine($"Best: {Episodes(review.Best)}");
        }

        if (review.Worst.Count > 0)
        {
            text.AppendLine($"Worst: {Episodes(review.Worst)}");
        }

        if (review.SourceUrl is { } url)
        {
            text.AppendLine($"Full review: {url}");
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>
    /// "By Ana Writer · 20 January 2026". Discord shows the date through a timestamp tag in the reader's
    /// own zone; a terminal cannot render the tag, so the calendar day is written out as stored.
    /// </summary>
    private static string Byline(ReviewDetails review)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(review.Author))
        {
            parts.Add("By " + review.Author.Trim());
        }

        if (review.Published is { } published)
        {
            parts.Add(published.ToUniversalTime().ToString("d MMMM yyyy", CultureInfo.InvariantCulture));
        }

        return string.Join(" · ", parts);
    }

    private static string RenderEpisode(EpisodeAnswer.Found found)
    {
        var text = new StringBuilder();
        text.AppendLine($"Episode {found.Episode.Number}: {EpisodeLine(found.Episode)}");
        text.AppendLine($"{found.Show.Title} Season {found.Season}");
        if (found.Mentions.Count > 0)
        {
            text.AppendLine().AppendLine("From the review:");
            foreach (var sentence in found.Mentions)
            {
                text.AppendLine($"  “{sentence}”");
            }
        }

        if (found.SourceUrl is { } url)
        {
            text.AppendLine($"Full review: {url}");
        }

        return text.ToString().TrimEnd();
    }

    private static string EpisodeLine(EpisodeEntry episode)
    {
        var title = episode.Title.Length > 0 ? episode.Title : $"Episode {episode.Number}";
        return episode.Score is { } score ? $"{title} — {score}" : $"{title} — not scored";
    }

    private static string Episodes(IReadOnlyList<EpisodeEntry> episodes) =>
        string.Join(", ", episodes.Select(e => $"{e.Number}. {e.Title}")) + (episodes[0].Score is { } s ? $" ({s})" : "");

    private static string Average(Score average) =>
        $"{average.Value.ToString("0.0", CultureInfo.InvariantCulture)}/{average.Scale.ToString("0.##", CultureInfo.InvariantCulture)}";

    private static string NotFound(string query, IReadOnlyList<ShowRef> suggestions) => suggestions.Count switch
    {
        0 => $"I have no review of \"{query}\".",
        1 => $"I have no review of \"{query}\". Did you mean {suggestions[0].Title}?",
        _ => $"I have no review of \"{query}\". Did you mean {string.Join(", ", suggestions.Take(suggestions.Count - 1).Select(s => s.Title))} or {suggestions[^1].Title}?",
    };

    private static string NoSeason(ShowRef show, int season, IReadOnlyList<int> available) => available.Count == 0
        ? $"I have no review of {show.Title} yet."
        : $"I have no review of {show.Title} Season {season}; reviewed: {(available.Count == 1 ? "season" : "seasons")} {string.Join(", ", available)}.";
}
