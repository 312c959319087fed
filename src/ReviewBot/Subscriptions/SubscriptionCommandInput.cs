using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>What /subscribe and /unsubscribe have read once their shared opening passed.</summary>
public sealed record SubscriptionCommandInput<TChannel>(ulong GuildId, TChannel Channel, ShowChoice? Show);

/// <summary>
/// The opening /subscribe and /unsubscribe share, in order: the server-side permission check, the
/// server, the channel (each command reads its own), then the show option. The first problem found is
/// the ephemeral answer.
/// </summary>
public sealed class SubscriptionCommandOpening(ShowOption shows)
{
    public async Task<(SubscriptionCommandInput<TChannel>? Input, InteractionReply? Refusal)> ReadAsync<TChannel>(
        InteractionContext context,
        Func<InteractionContext, (TChannel? Channel, string? Problem)> readChannel,
        CancellationToken cancellationToken)
        where TChannel : class
    {
        if (SubscriptionAccess.Refusal(context) is { } refusal)
        {
            return (null, InteractionReply.Ephemeral(refusal));
        }

        var guildId = context.Interaction.GuildId!.Value.Value;
        var (channel, channelProblem) = readChannel(context);
        if (channel is null)
        {
            return (null, InteractionReply.Ephemeral(channelProblem!));
        }

        var (show, showProblem) = await shows.ResolveAsync(context, cancellationToken);
        if (showProblem is not null)
        {
            return (null, InteractionReply.Ephemeral(showProblem));
        }

        return (new SubscriptionCommandInput<TChannel>(guildId, channel, show), null);
    }
}
