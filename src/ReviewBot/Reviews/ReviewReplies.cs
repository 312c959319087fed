using ReviewBot.Core.Answers;
using ReviewBot.Charts;
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
    /// else the answer built (and kept, when it was built from that same version).
    /// </summary>
    public async Task<InteractionReply> ReplyAsync(ReviewLookup lookup, ReplyKind kind, InteractionContext context, CancellationToken cancellationToken)
    {
        var chart = CanAttach(context);
        if (lookup.Version is not { } version)
        {
            return ToReply(await reviews.AnswerAsync(lookup, cancellationToken), kind, chart);
        }

        var key = AnswerKey.ForReview(version, chart, PreparedCallback.TypeFor(kind, context.Interaction.Type == InteractionType.MessageComponent));
        if (answers.Find(key) is { } kept)
        {
            if (chart)
            {
                // Kept answers are dropped least recently used first, and so are charts: a chart only kept
                // answers show would age out while in use, and the next miss would have to draw it again.
                charts.Touch(version.ReviewId, version.UpdatedAtTime);
            }

            return kept;
        }

        var answer = await reviews.AnswerAsync(lookup, cancellationToken);
        var reply = ToReply(answer, kind, chart);

        // Loaded at another version (changed since the lookup): right for this question, but not what the key names.
        return answer is ReviewAnswer.Found found && version.Matches(found.Review)
            ? answers.Keep(key, reply)
            : reply;
    }

    /// <param name="attachChart">False where the bot may not upload files; the episode guide still lists every score.</param>
    public MessageBuilder? Render(ReviewAnswer answer, out string? problem, bool attachChart = true)
    {
        problem = null;
        switch (answer)
        {
            case ReviewAnswer.Found found:
                var review = found.Review;
                var chart = attachChart && review.ReviewId > 0
                    ? charts.Get(review.ReviewId, review.UpdatedAt ?? DateTimeOffset.MinValue, review.Episodes, review.AverageEpisodeScore)
                    : null;
                return renderer.Render(review, chart);
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

    public InteractionReply ToReply(ReviewAnswer answer, ReplyKind kind, InteractionContext context) => ToReply(answer, kind, CanAttach(context));

    private InteractionReply ToReply(ReviewAnswer answer, ReplyKind kind, bool attachChart) =>
        Render(answer, out var problem, attachChart) is { } message
            ? new InteractionReply(message.Build(), kind)
            : InteractionReply.Ephemeral(problem!);

    /// <summary>
    /// app_permissions says what the bot may do where it answers (docs: Interaction Object); without
    /// Attach Files an upload would be refused, so the answer goes without the chart. Absent means
    /// Discord did not say, and an answer is still allowed to carry files then.
    /// </summary>
    private static bool CanAttach(InteractionContext context) =>
        context.Interaction.AppPermissions is not { } permissions || permissions.HasFlag(Permissions.AttachFiles);
}
