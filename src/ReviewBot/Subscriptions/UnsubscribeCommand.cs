using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>
/// /unsubscribe [channel] [show]: with a show, stops that show's announcements in the channel;
/// without, stops all of the channel's. Announcements still waiting are cancelled with the reason.
/// </summary>
public sealed class UnsubscribeCommand(
    SubscriptionStore subscriptions,
    ShowOption shows,
    SubscriptionCommandOpening opening,
    ILogger<UnsubscribeCommand> logger) : IAutocompleteCommand
{
    public ApplicationCommandDefinition Definition { get; } = new()
    {
        Name = "unsubscribe",
        Description = "Stop posting new reviews in a channel",
        DefaultMemberPermissions = SubscriptionAccess.Required,
        IntegrationTypes = CommandReach.ServerInstall,
        Contexts = CommandReach.ServerChannels,
        Options =
        [
            SubscriptionTarget.Definition("The channel (default: this one)"),
            ShowOption.Definition("Only this show's subscription (default: all of the channel's)"),
        ],
    };

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        shows.SuggestAsync(context, cancellationToken);

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var (input, refusal) = await opening.ReadAsync(context, ReadChannel, cancellationToken);
        if (input is null)
        {
            return refusal!;
        }

        var (guildId, target, show) = input;
        var channel = target.Id;

        var result = await subscriptions.RemoveAsync(guildId, channel, show?.Id, allShows: show is null, "unsubscribed by an admin", cancellationToken);
        if (result.ResumeInProgress)
        {
            return InteractionReply.Ephemeral(
                $"Announcements in <#{channel}> are being resumed right now. Nothing changed; use /unsubscribe again in a moment.");
        }

        var removed = result.Removed;
        logger.LogInformation("Guild {GuildId} removed {Count} subscriptions of {ChannelId}", guildId, removed, channel);
        var what = show is null ? "" : $" for {ShowOption.Bold(show.Title)}";
        return InteractionReply.Ephemeral(removed == 0
            ? $"<#{channel}> has no subscription{what}. /subscriptions lists this server's."
            : $"Done: <#{channel}> gets no more announcements{what} ({removed} subscription{(removed == 1 ? "" : "s")} removed).");
    }

    /// <summary>
    /// Any channel may be unsubscribed, even one that changed type since it was subscribed. A thread or
    /// forum post holds no subscription of its own (announcements go to text, announcement and forum
    /// channels), so used in one without the channel option the command means the channel it belongs
    /// to: in a forum's post, the forum. The member's permissions in a thread are its parent's.
    /// </summary>
    private static (ChannelToStop? Channel, string? Problem) ReadChannel(InteractionContext context)
    {
        var (channel, type, problem) = SubscriptionTarget.Read(context);
        if (channel is not { } id)
        {
            return (null, problem);
        }

        var inThread = context.Option(SubscriptionTarget.OptionName) is null
            && type is ChannelType.PublicThread or ChannelType.PrivateThread or ChannelType.AnnouncementThread;
        return inThread && context.Interaction.Channel?.ParentId is { } parent
            ? (new ChannelToStop(parent.Value), null)
            : (new ChannelToStop(id.Value), null);
    }

    private sealed record ChannelToStop(ulong Id);
}
