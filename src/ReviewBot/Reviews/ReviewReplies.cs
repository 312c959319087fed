using ReviewBot.Core.Answers;
using ReviewBot.Charts;
using ReviewBot.Core.Charts;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;
using ReviewBot.Reviews.Stored;

namespace ReviewBot.Reviews;

/// <summary>A /review answer as a reply; shared by the command and the "Whole review" button.</summary>
public sealed class ReviewReplies(ReviewEmbedRenderer renderer, ChartCache charts, ReviewQuery reviews, AnswerCache answers, StoredReplies stored)
{
    /// <summary>
    /// Looks the question up (<see cref="ReviewQuery"/>), bringing along the answer stored for the
    /// version it reads where the answer may carry its chart (stored answers carry it): a first ask
    /// whose answer is stored then reads the database once.
    /// </summary>
    public async ValueTask<ReviewLookup> LookupAsync(ReviewRequest request, InteractionContext context, CancellationToken cancellationToken) =>
        await reviews.LookupAsync(request, CanAttach(context) ? await stored.WantedAsync(0, cancellationToken) : null, cancellationToken);

    /// <summary>
    /// The reply to a looked-up question: the kept answer for the review's version when there is one,
    /// else the one stored with that version (read with the version, or now; not built), else the answer
    /// built; the last two are offered to the cache (kept from their second ask), a built one only when
    /// it was built from that same version. Takes the lookup's stored answer: sent, or handed back here.
    /// </summary>
    public async Task<InteractionReply> ReplyAsync(ReviewLookup lookup, ReplyKind kind, InteractionContext context, CancellationToken cancellationToken)
    {
        // A lookup without a version, or asked where files may not go, read no answer with it (Stored is null).
        var chart = CanAttach(context);
        if (lookup.Version is not { } version)
        {
            return (await ToReplyAsync(await reviews.AnswerAsync(lookup, cancellationToken), kind, chart, cancellationToken)).Reply;
        }

        var key = AnswerKey.ForReview(version, chart, PreparedCallback.TypeFor(kind, context.Interaction.Type == InteractionType.MessageComponent));
        if (answers.Find(key) is { } kept)
        {
            lookup.Stored?.Dispose();
            return kept;
        }

        // Stored answers carry the chart: one asked where files may not go is built without it.
        if (chart && await stored.FindReviewAsync(version, kind, lookup.Stored, cancellationToken) is { } read)
        {
            answers.Count(AnswerSource.Stored);
            return answers.Offer(key, read);
        }

        answers.Count(AnswerSource.Built);
        var answer = await reviews.AnswerAsync(lookup, cancellationToken);
        var (reply, whole) = await ToReplyAsync(answer, kind, chart, cancellationToken);

        // Loaded at another version (changed since the lookup): right for this question, but not what the key names.
        // Without the chart it should carry (not stored yet) it is not kept either: the next ask may find it stored.
        return whole && answer is ReviewAnswer.Found found && version.Matches(found.Review) ? answers.Offer(key, reply) : reply;
    }

    /// <summary>
    /// The message a /review answer is stored as (<see cref="StoredAnswerWriter"/>): exactly what
    /// <see cref="ReplyAsync"/> builds for it where files may go, with <paramref name="chart"/> the
    /// review's stored chart (null where its episodes have no score to draw).
    /// </summary>
    public static MessageRequest StoredMessage(ReviewEmbedRenderer renderer, ReviewAnswer.Found answer, byte[]? chart) =>
        renderer.Render(answer.Review, chart is null ? null : new ReadOnlyMemory<byte>(chart)).Build();

    /// <param name="chart">The stored chart to attach; null where the bot may not upload files (the episode guide still lists every score) or none is stored.</param>
    /// <param name="scoreRow">When the chart should be there but is not stored yet: its scores as one row of text.</param>
    public MessageBuilder? Render(ReviewAnswer answer, out string? problem, ReadOnlyMemory<byte>? chart = null, bool scoreRow = false)
    {
        problem = null;
        switch (answer)
        {
            case ReviewAnswer.Found found:
                return renderer.Render(found.Review, chart, scoreRow && chart is null ? ScoreRow.Of(found.Review.Episodes) : null);
            case ReviewAnswer.ShowNotFound notFound:
                problem = NotFoundText.ShowNotFound(notFound.Query, notFound.Suggestions);
                return null;
            case ReviewAnswer.SeasonNotFound season:
                problem = NotFoundText.SeasonNotFound(season.Show, season.Season, season.AvailableSeasons);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "no reply for this answer");
        }
    }

    /// <summary>
    /// The reply, with the review's stored chart when it may carry files. The chart is read, never drawn:
    /// this answers a member. <c>Whole</c> is false when the chart should be there but is not stored yet.
    /// </summary>
    /// <remarks>
    /// A chart read for the first time is in a rented array, which the reply borrows
    /// (<see cref="InteractionReply.Borrowed"/>) until whoever sends it releases it; if building the
    /// reply fails, it goes back here.
    /// </remarks>
    private async Task<(InteractionReply Reply, bool Whole)> ToReplyAsync(ReviewAnswer answer, ReplyKind kind, bool attachChart, CancellationToken cancellationToken)
    {
        var chart = attachChart && answer is ReviewAnswer.Found { Review: var review }
            ? await charts.FindForAnswerAsync(review.ReviewId, review.Episodes, cancellationToken)
            : default;
        try
        {
            var png = chart.Png;
            var missing = attachChart && png is null && answer is ReviewAnswer.Found { Review.AverageEpisodeScore: not null };
            var reply = Render(answer, out var problem, png, scoreRow: missing) is { } message
                ? new InteractionReply(message.Build(), kind) { Borrowed = chart.Rented }
                : InteractionReply.Ephemeral(problem!);
            return (reply, !missing);
        }
        catch
        {
            chart.Rented?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// app_permissions says what the bot may do where it answers (docs: Interaction Object); without
    /// Attach Files an upload would be refused, so the answer goes without the chart. Absent means
    /// Discord did not say, and an answer is still allowed to carry files then.
    /// </summary>
    private static bool CanAttach(InteractionContext context) =>
        context.Interaction.AppPermissions is not { } permissions || permissions.HasFlag(Permissions.AttachFiles);
}
