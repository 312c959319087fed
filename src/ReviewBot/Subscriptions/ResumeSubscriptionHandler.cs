using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Subscriptions;

/// <summary>
/// The Resume button of /subscriptions ("sub-resume:{id}"): pressed in the subscription's channel (or
/// one of its posts or threads) by a member with Manage Channels, or anywhere by an Administrator, it
/// holds the channel's resume, checks the bot can post in the channel again (one short "resumed" note,
/// nothing more), then resumes the channel's subscriptions; the announcements that waited are then
/// delivered in order.
/// </summary>
public sealed class ResumeSubscriptionHandler(
    SubscriptionStore subscriptions,
    SubscriptionResumes resumes,
    ChannelProbe probe,
    AnnouncementSignal signal,
    ILogger<ResumeSubscriptionHandler> logger) : IComponentHandler
{
    public string CustomIdPrefix => SubscriptionsCommand.ResumePrefix;

    public async Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
    {
        if (SubscriptionAccess.Refusal(context) is { } refusal)
        {
            return InteractionReply.Ephemeral(refusal);
        }

        var guildId = context.Interaction.GuildId!.Value.Value;
        var subscription = long.TryParse(argument, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id)
            ? await subscriptions.GetAsync(id, cancellationToken)
            : null;
        if (subscription is null || subscription.GuildId != guildId)
        {
            return InteractionReply.Ephemeral("That subscription no longer exists. /subscriptions shows the current ones.");
        }

        // The button names only the subscription, and resuming makes the bot post in its channel: the
        // member's permissions must be those of that channel, as /subscribe and /unsubscribe check them.
        if (SubscriptionAccess.RefusalFor(context, subscription.ChannelId, subscription.Kind) is { } elsewhere)
        {
            return InteractionReply.Ephemeral(elsewhere);
        }

        var target = new SubscriptionTarget(subscription.ChannelId, subscription.Kind);
        if (!subscription.IsPaused)
        {
            return InteractionReply.Ephemeral($"Announcements in {target.Mention} are already active.");
        }

        // The resume is held before the note is posted: a note cannot be taken back, so an /unsubscribe
        // (or a second Resume) while it is on its way is told to wait instead of leaving it in a channel
        // with no subscription, and the checks above are made again in the same transaction.
        var start = await resumes.BeginAsync(subscription.Id, cancellationToken);
        if (start.Hold is not { } hold)
        {
            return InteractionReply.Ephemeral(start.Outcome switch
            {
                ResumeOutcome.AlreadyActive => $"Announcements in {target.Mention} are already active.",
                ResumeOutcome.InProgress => $"Announcements in {target.Mention} are being resumed right now. Nothing more to do; /subscriptions shows them once they are.",
                _ => "That subscription no longer exists. /subscriptions shows the current ones.",
            });
        }

        PostedNote? note;
        string? problem;
        try
        {
            (note, problem) = await probe.PostNoteAsync(target, "Review announcements resumed.", "ReviewBot announcements resumed", cancellationToken);
        }
        catch
        {
            // Stopped or failed on the way (the host shutting down): give the hold back now rather than
            // after it expires; the handler's token may be cancelled, so without it.
            await resumes.ReleaseAsync(hold, CancellationToken.None);
            throw;
        }

        if (note is null)
        {
            await resumes.ReleaseAsync(hold, CancellationToken.None);
            return InteractionReply.Ephemeral(
                $"I still can't post in {target.Mention}: {problem}. I need {ChannelAccessProblem.Required(target.Kind)} there. It stays paused.");
        }

        // The note is posted: the resume it announces is saved even if the handler is being stopped now.
        // If it cannot be saved, the note is taken back instead: "resumed" must not stand in a paused channel.
        int resumed;
        try
        {
            resumed = await resumes.CompleteAsync(hold, CancellationToken.None);
        }
        catch (Exception exception)
        {
            var reference = ErrorReference.New();
            logger.LogError(exception, "Resuming {ChannelId} in guild {GuildId} failed after its note was posted; error ref {ErrorRef}", subscription.ChannelId, guildId, reference);
            return await TakeBackAsync(note, hold, target, $"I could not resume announcements in {target.Mention} (ref {reference}), so it stays paused; try Resume again later.");
        }

        if (resumed == 0)
        {
            // Removed meanwhile by what no hold stops: the channel or the server deleted in Discord.
            return InteractionReply.Ephemeral("That subscription no longer exists. /subscriptions shows the current ones.");
        }

        signal.Notify();
        logger.LogInformation("Guild {GuildId} resumed announcements in {ChannelId} (subscription {SubscriptionId})", guildId, subscription.ChannelId, subscription.Id);
        return InteractionReply.Ephemeral($"Resumed: announcements in {target.Mention} continue, starting with any that waited, in order.");
    }

    /// <summary>The note stands for a resume that was not saved: deleted (best effort), the hold given back, and the member told.</summary>
    private async Task<InteractionReply> TakeBackAsync(PostedNote note, ResumeHold hold, SubscriptionTarget target, string why)
    {
        var said = await probe.TakeBackAsync(note, target, why, CancellationToken.None);
        try
        {
            await resumes.ReleaseAsync(hold, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The hold lapses by itself once it is older than an interaction can live.
            logger.LogWarning(exception, "Could not give back the resume hold of {ChannelId}", target.ChannelId);
        }

        return InteractionReply.Ephemeral(said);
    }
}
