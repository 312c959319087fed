using ReviewBot.Core.Answers;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>Previous / Next episode buttons (<c>ep:{showId}:{season}:{episode}</c>): the message is updated in place (callback 7) for the member who asked (<see cref="SharedMessages"/>).</summary>
public sealed class EpisodeButtonHandler(EpisodeReplies replies, ShowIdLookup showIds) : IComponentHandler
{
    public string CustomIdPrefix => CustomIds.Episode;

    public async Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        if (!CustomIds.TryParse(argument, 3, out var parts))
        {
            return CustomIds.Unreadable(EpisodeCommand.Command.Name);
        }

        if (await showIds.FindAsync(parts[0], cancellationToken) is not { } show)
        {
            return InteractionReply.Ephemeral("That show is no longer reviewed here.");
        }

        var lookup = await replies.LookupAsync(new EpisodeRequest((int)parts[2], show.Slug, (int)parts[1], context.ChannelKey), cancellationToken);
        return await replies.ReplyAsync(lookup, ReplyKind.UpdateSource, context, cancellationToken);
    }
}
