using ReviewBot.Core.Answers;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>The "Which show?" menu (<c>which:{episode}</c>, value <c>{showId}:{season}</c>): the choice answers in place.</summary>
public sealed class WhichShowSelectHandler(EpisodeReplies replies, ShowIdLookup showIds) : IComponentHandler
{
    public string CustomIdPrefix => CustomIds.WhichShow;

    public async Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        var value = context.Interaction.Data?.Values is [var chosen, ..] ? chosen : "";
        if (!CustomIds.TryParse(argument, 1, out var number)
            || !CustomIds.TryParse(value, 2, out var choice)
            || await showIds.FindAsync(choice[0], cancellationToken) is not { } show)
        {
            return InteractionReply.Ephemeral("That choice is no longer available; run `/episode` again.");
        }

        var lookup = await replies.LookupAsync(new EpisodeRequest((int)number[0], show.Slug, (int)choice[1], context.ChannelKey), cancellationToken);
        return await replies.ReplyAsync(lookup, ReplyKind.UpdateSource, context, cancellationToken);
    }
}
