using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;
using ReviewBot.Discord.Interactions;
using ReviewBot.Rendering.Discord;

namespace ReviewBot.Commands.Reviews;

/// <summary>An /episode answer as a reply; shared by the command, the Previous/Next buttons and the "Which show?" menu.</summary>
public sealed class EpisodeReplies(EpisodeEmbedRenderer renderer, ReviewStore reviews, ShowKeys keys)
{
    public async Task<InteractionReply> ToReplyAsync(EpisodeAnswer answer, ReplyKind kind, CancellationToken cancellationToken) => answer switch
    {
        EpisodeAnswer.Found found => new InteractionReply(renderer.Render(found, await NavigationAsync(found, cancellationToken)).Build(), kind),
        EpisodeAnswer.WhichShow which => await WhichShowAsync(which, cancellationToken),
        EpisodeAnswer.ShowNotFound notFound => InteractionReply.Ephemeral(NotFoundText.ShowNotFound(notFound.Query, notFound.Suggestions)),
        EpisodeAnswer.SeasonNotFound season => InteractionReply.Ephemeral(NotFoundText.SeasonNotFound(season.Show, season.Season, season.AvailableSeasons)),
        EpisodeAnswer.OutOfRange range => InteractionReply.Ephemeral(NotFoundText.OutOfRange(range)),
        EpisodeAnswer.NoSuchEpisode none => InteractionReply.Ephemeral(NotFoundText.NoSuchEpisode(none)),
        _ => throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "no reply for this answer"),
    };

    /// <summary>The neighbouring episodes that exist (guides may skip numbers), for the Previous/Next buttons.</summary>
    private async Task<EpisodeNavigation?> NavigationAsync(EpisodeAnswer.Found found, CancellationToken cancellationToken)
    {
        if (await keys.IdOfAsync(found.Show, cancellationToken) is not { } showId)
        {
            return null;
        }

        var review = await reviews.GetForShowAsync(showId, found.Season, cancellationToken);
        var numbers = review?.Episodes.Select(e => e.Number).ToList() ?? [];
        int? previous = numbers.Where(n => n < found.Episode.Number).Select(n => (int?)n).Max();
        int? next = numbers.Where(n => n > found.Episode.Number).Select(n => (int?)n).Min();
        return new EpisodeNavigation(
            previous,
            previous is { } p ? CustomIds.ForEpisode(showId, found.Season, p) : null,
            next,
            next is { } n ? CustomIds.ForEpisode(showId, found.Season, n) : null,
            CustomIds.ForReview(showId, found.Season));
    }

    /// <summary>Several shows have this episode: an ephemeral select menu, most recent first (at most 25 options, 6.5).</summary>
    private async Task<InteractionReply> WhichShowAsync(EpisodeAnswer.WhichShow which, CancellationToken cancellationToken)
    {
        var select = new StringSelectBuilder(CustomIds.ForWhichShow(which.Number)).WithPlaceholder("Which show?");
        var added = 0;
        foreach (var candidate in which.Candidates.Take(DiscordLimits.SelectOptions))
        {
            if (await keys.IdOfAsync(candidate.Show, cancellationToken) is { } id)
            {
                select.AddOption($"{candidate.Show.Title} — Season {candidate.Season}", CustomIds.ShowSeasonValue(id, candidate.Season));
                added++;
            }
        }

        if (added == 0)
        {
            return InteractionReply.Ephemeral(NotFoundText.NoSuchEpisode(new EpisodeAnswer.NoSuchEpisode(which.Number, null)));
        }

        var message = new MessageBuilder()
            .WithContent($"Several shows have an episode {which.Number}. Which show?")
            .AddRow(select.BuildRow())
            .Ephemeral();
        return InteractionReply.From(message);
    }
}
