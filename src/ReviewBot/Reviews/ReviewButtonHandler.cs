using ReviewBot.Core.Answers;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>"Whole review" under an episode (<c>rv:{showId}:{season}</c>): replaces the episode with the review in place, for the member who asked (<see cref="SharedMessages"/>).</summary>
public sealed class ReviewButtonHandler(ReviewReplies replies, ShowIdLookup showIds) : IComponentHandler
{
    public string CustomIdPrefix => CustomIds.Review;

    public async Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        if (!CustomIds.TryParse(argument, 2, out var parts))
        {
            return CustomIds.Unreadable(ReviewCommand.Command.Name);
        }

        if (await showIds.FindAsync(parts[0], cancellationToken) is not { } show)
        {
            return InteractionReply.Ephemeral("That show is no longer reviewed here.");
        }

        var lookup = await replies.LookupAsync(new ReviewRequest(show.Slug, (int)parts[1], context.ChannelKey), context, cancellationToken);
        return await replies.ReplyAsync(lookup, ReplyKind.UpdateSource, context, cancellationToken);
    }
}
