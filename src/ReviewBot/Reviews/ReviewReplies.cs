using ReviewBot.Core.Answers;
using ReviewBot.Charts;
using ReviewBot.Core.Charts;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews;

/// <summary>A /review answer as a reply; shared by the command and the "Whole review" button.</summary>
public sealed class ReviewReplies(ReviewEmbedRenderer renderer, ChartCache charts, ReviewQuery reviews, AnswerCache answers)
{
    /// <summary>
    /// The reply to a looked-up question: the kept answer for the review's version when there is one,
    /// else the answer built (offered to the cache when it was built from that same version: kept from its second ask).
    /// </summary>
    public async Task<InteractionReply> ReplyAsync(ReviewLookup lookup, ReplyKind kind, InteractionContext context, CancellationToken cancellationToken)
    {
        var chart = CanAttach(context);
        if (lookup.Version is not { } version)
        {
            return (await ToReplyAsync(await reviews.AnswerAsync(lookup, cancellationToken), kind, chart, cancellationToken)).Reply;
        }

        var key = AnswerKey.ForReview(version, chart, PreparedCallback.TypeFor(kind, context.Interaction.Type == InteractionType.MessageComponent));
        if (answers.Find(key) is { } kept)
        {
            return kept;
        }

        var answer = await reviews.AnswerAsync(lookup, cancellationToken);
        var (reply, whole) = await ToReplyAsync(answer, kind, chart, cancellationToken);

        // Loaded at another version (changed since the lookup): right for this question, but not what the key names.
        // Without the chart it should carry (not stored yet) it is not kept either: the next ask may find it stored.
        if (!whole || answer is not ReviewAnswer.Found found || !version.Matches(found.Review))
        {
            return reply;
        }

        if (reply.Borrowed is not RentedBytes rented)
        {
            return answers.Offer(key, reply);
        }

        // Offered without what it borrowed, so a kept answer never carries a release for other senders
        // to call. Kept, it holds the array its chart was read into (the chart cache had forgotten the
        // read before this one), and owns it from now on; not kept, this ask's sender hands it back.
        var bare = reply with { Borrowed = null };
        var offered = answers.Offer(key, bare);
        if (ReferenceEquals(offered, bare))
        {
            return reply;
        }

        rented.Keep();
        return offered;
    }

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
