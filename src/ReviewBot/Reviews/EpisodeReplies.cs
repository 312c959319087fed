using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;
using ReviewBot.Reviews.Stored;

namespace ReviewBot.Reviews;

/// <summary>An /episode answer as a reply; shared by the command, the Previous/Next buttons and the "Which show?" menu.</summary>
public sealed class EpisodeReplies(EpisodeEmbedRenderer renderer, ShowIdLookup showIds, EpisodeQuery episodes, AnswerCache answers, StoredReplies stored)
{
    /// <summary>
    /// Looks the question up (<see cref="EpisodeQuery"/>), bringing along the answer stored for the
    /// version it reads: a first ask whose answer is stored then reads the database once.
    /// </summary>
    public async ValueTask<EpisodeLookup> LookupAsync(EpisodeRequest request, CancellationToken cancellationToken) =>
        await episodes.LookupAsync(request, request.Number > 0 ? await stored.WantedAsync(request.Number, cancellationToken) : null, cancellationToken);

    /// <summary>
    /// The reply to a looked-up question: the kept answer for the review's version and episode when
    /// there is one, else the one stored with that version (read with the version, or now; not built),
    /// else the answer built; either is offered to the cache (kept from its second ask). An episode
    /// answer shows nothing of the community score, so ratings do not change its key. Takes the
    /// lookup's stored answer: sent, or handed back here.
    /// </summary>
    public async Task<InteractionReply> ReplyAsync(EpisodeLookup lookup, ReplyKind kind, InteractionContext context, CancellationToken cancellationToken)
    {
        // A lookup without a version read no answer with it (Stored is null).
        if (lookup.Version is not { } version)
        {
            return await ToReplyAsync(await episodes.AnswerAsync(lookup, cancellationToken), kind, cancellationToken);
        }

        var key = AnswerKey.ForEpisode(version, lookup.Request.Number, PreparedCallback.TypeFor(kind, context.Interaction.Type == InteractionType.MessageComponent));
        if (answers.Find(key) is { } kept)
        {
            lookup.Stored?.Dispose();
            return kept;
        }

        if (await stored.FindEpisodeAsync(version, lookup.Request.Number, kind, lookup.Stored, cancellationToken) is { } read)
        {
            answers.Count(AnswerSource.Stored);
            return answers.Offer(key, read);
        }

        answers.Count(AnswerSource.Built);
        // Loaded after the lookup: maybe another review than the version names (a newer season stored
        // meanwhile, for a question without one) or a later edit. Right for this question, but kept
        // only under the key of what it shows.
        var answer = await episodes.AnswerAsync(lookup, cancellationToken);
        var reply = await ToReplyAsync(answer, kind, cancellationToken);
        return answer is EpisodeAnswer.Found found && version.Matches(found) ? answers.Offer(key, reply) : reply;
    }

    /// <summary>
    /// The message an /episode answer is stored as (<see cref="StoredAnswerWriter"/>): exactly what
    /// <see cref="ToReplyAsync"/> builds for it, with the show's id known (the writer has its row, and
    /// a process that only imports need not build the show index to find it).
    /// </summary>
    public static MessageRequest StoredMessage(EpisodeEmbedRenderer renderer, EpisodeAnswer.Found found, long showId) =>
        renderer.Render(found, Navigation(found, showId)).Build();

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

    /// <summary>The Previous/Next buttons go to the neighbouring episodes the answer names (guides may skip numbers).</summary>
    private async Task<EpisodeNavigation?> NavigationAsync(EpisodeAnswer.Found found, CancellationToken cancellationToken) =>
        await showIds.IdOfAsync(found.Show, cancellationToken) is { } showId ? Navigation(found, showId) : null;

    private static EpisodeNavigation Navigation(EpisodeAnswer.Found found, long showId) =>
        new(
            found.Previous,
            found.Previous is { } previous ? CustomIds.ForEpisode(showId, found.Season, previous) : null,
            found.Next,
            found.Next is { } next ? CustomIds.ForEpisode(showId, found.Season, next) : null,
            CustomIds.ForReview(showId, found.Season));

    /// <summary>Several shows have this episode: an ephemeral select menu, most recent first (at most 25 options, 6.5).</summary>
    private async Task<InteractionReply> WhichShowAsync(EpisodeAnswer.WhichShow which, CancellationToken cancellationToken)
    {
        var select = new StringSelectBuilder(CustomIds.ForWhichShow(which.Number)).WithPlaceholder("Which show?");
        var added = 0;
        foreach (var candidate in which.Candidates.Take(DiscordLimits.SelectOptions))
        {
            if (await showIds.IdOfAsync(candidate.Show, cancellationToken) is { } id)
            {
                // A long title gives way to the season, which says what the pick opens.
                select.AddOption(
                    TextShortener.Shorten(candidate.Show.Title, DiscordLimits.SelectOptionText, $" — Season {candidate.Season}"),
                    CustomIds.ShowSeasonValue(id, candidate.Season));
                added++;
            }
        }

        if (added == 0)
        {
            return InteractionReply.Ephemeral(NotFoundText.NoSuchEpisode(new EpisodeAnswer.NoSuchEpisode(which.Number, null)));
        }

        // The menu holds 25: the shows it leaves out are counted, with the way to reach them.
        var question = $"Several shows have an episode {which.Number}. Which show?";
        if (which.Total > added)
        {
            question += $" The {added} newest are listed; for the other {which.Total - added}, name the show with the `show` option.";
        }

        var message = new MessageBuilder()
            .WithContent(question)
            .AddRow(select.BuildRow())
            .Ephemeral();
        return InteractionReply.From(message);
    }
}
