using System.Globalization;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Ratings;
using ReviewBot.Interactions;

namespace ReviewBot.Ratings;

/// <summary>
/// A member picked a rating (or "Remove my rating") under a review or an announcement: stores it (one
/// per member and review) and answers with UPDATE_MESSAGE, so the message itself shows the new
/// community score. One answer per press and no other request, which keeps many members rating at
/// once within Discord's rate limits (interaction answers do not count against them).
/// </summary>
public sealed class RateSelectHandler(
    CommunityRatingStore ratings, ReviewVersionCache versions, IEnumerable<IRatingsChanged> listeners, ILogger<RateSelectHandler> logger) : IComponentHandler
{
    private readonly IRatingsChanged[] _listeners = [.. listeners];

    public string CustomIdPrefix => RatingMenu.CustomIdPrefix;

    /// <summary>Every member rates under the same message, which shows the score of them all.</summary>
    public bool AnyMemberMayUpdate => true;

    public async Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        if (!long.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var reviewId) || context.Interaction.Invoker is not { } member)
        {
            return InteractionReply.Ephemeral("This rating menu has expired. Run /review again to rate.");
        }

        if (context.Interaction.Data?.Values is not [var value])
        {
            return InteractionReply.Ephemeral("Pick one rating from 1 to 10.");
        }

        RatingResult result;
        string done;
        if (value == RatingMenu.RemoveValue)
        {
            result = await ratings.RemoveAsync(reviewId, member.Id.Value, cancellationToken);
            done = "Your rating was removed.";
        }
        else if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rating)
            && rating is >= CommunityRatingStore.Lowest and <= CommunityRatingStore.Highest)
        {
            result = await ratings.RateAsync(reviewId, member.Id.Value, rating, cancellationToken);
            done = string.Create(CultureInfo.InvariantCulture, $"You rated it {rating}/10.");
        }
        else
        {
            return InteractionReply.Ephemeral("That is not a rating from 1 to 10.");
        }

        if (!result.ReviewExists)
        {
            // Nothing was stored, so nothing kept is stale.
            return InteractionReply.Ephemeral("This review is no longer here, so it can't be rated.");
        }

        // The member's next /review shows their rating without waiting for the database's watch, which
        // is there for other processes' writes (PostgreSQL's notification, SQLite's next look at its file).
        // Ratings are rare next to answers: drop all kept versions.
        versions.Clear();

        foreach (var listener in _listeners)
        {
            listener.RatingsChanged(reviewId);
        }

        logger.LogDebug("Review {ReviewId} now has {RatingCount} community ratings", reviewId, result.Score.Count);
        return RatingMenu.WithScore(context.Interaction.Message, context.Interaction.Data?.CustomId, result.Score) is { } updated
            ? new InteractionReply(updated, ReplyKind.UpdateSource)
            : InteractionReply.Ephemeral($"{done} Community: {RatingMenu.FieldValue(result.Score)}.");
    }
}
