using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Subscriptions;

/// <summary>
/// The Resume button of /subscriptions ("sub-resume:{id}"): pressed in the subscription's channel (or
/// one of its posts or threads) by a member with Manage Channels, or anywhere by an Administrator, it
/// checks the bot can post in the channel again (one short "resumed" note, nothing more), then resumes
/// the channel's subscriptions; the announcements that waited are then delivered in order.
/// </summary>
public sealed class ResumeSubscriptionHandler(
    SubscriptionStore subscriptions,
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

        var problem = await probe.PostAsync(target, "Review announcements resumed.", "ReviewBot announcements resumed", cancellationToken);
        if (problem is not null)
        {
            return InteractionReply.Ephemeral(
                $"I still can't post in {target.Mention}: {problem}. I need {ChannelAccessProblem.Required(target.Kind)} there. It stays paused.");
        }

        await subscriptions.ResumeChannelAsync(subscription.ChannelId, cancellationToken);
        signal.Notify();
        logger.LogInformation("Guild {GuildId} resumed announcements in {ChannelId} (subscription {SubscriptionId})", guildId, subscription.ChannelId, subscription.Id);
        return InteractionReply.Ephemeral($"Resumed: announcements in {target.Mention} continue, starting with any that waited, in order.");
    }
}
