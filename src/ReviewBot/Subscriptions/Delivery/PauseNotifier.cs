using System.Globalization;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Tells a server, once per pause, that its announcements stopped and why, in its system channel
/// (the feed bots' most common complaint is "it stopped posting and nobody told us why"). A system
/// channel no GUILD_CREATE told (the deliverer may run no gateway, as with Duties split between
/// processes, and then never hears one) is asked of Discord; when that fails, the next GUILD_CREATE
/// brings it and the notice goes then.
/// </summary>
public sealed class PauseNotifier(
    DiscordRestClient discord,
    SubscriptionStore subscriptions,
    GuildSystemChannels systemChannels,
    ILogger<PauseNotifier> logger)
{
    // One at a time in this process (the claim in the database covers other processes too), so the
    // notices of one server go out one after another.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task NotifyAsync(ulong guildId, CancellationToken cancellationToken)
    {
        if (await SystemChannelAsync(guildId, cancellationToken) is not { } systemChannel)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var pauses = await subscriptions.GetUnnoticedPausesAsync(guildId, cancellationToken);
            var pausedChannels = pauses.Select(p => p.ChannelId).ToHashSet();
            foreach (var channel in pauses.GroupBy(p => p.ChannelId))
            {
                // Claimed before it is posted, so two processes telling at once post it once. Once per pause,
                // told or not: retrying a refused system channel only adds invalid requests.
                if (!await subscriptions.MarkNoticeSentAsync(channel.Key, cancellationToken))
                {
                    continue;
                }

                var reason = channel.First().PauseReason ?? "Discord refused the channel";
                if (!pausedChannels.Contains(systemChannel))
                {
                    await PostAsync(guildId, systemChannel, channel.Key, reason, cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ulong?> SystemChannelAsync(ulong guildId, CancellationToken cancellationToken)
    {
        if (systemChannels.Knows(guildId, out var known))
        {
            return known;
        }

        try
        {
            var guild = await discord.GetGuildAsync(new Snowflake(guildId), cancellationToken);
            systemChannels.Set(guildId, guild.SystemChannelId?.Value);
            return guild.SystemChannelId?.Value;
        }
        catch (DiscordRestException ex)
        {
            logger.LogWarning("Could not read guild {GuildId}'s system channel to tell it about paused announcements; it is told when the server is next available: {Error}",
                guildId, ex.Message);
            return null;
        }
    }

    private async Task PostAsync(ulong guildId, ulong systemChannel, ulong pausedChannel, string reason, CancellationToken cancellationToken)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"ReviewBot paused its review announcements in <#{pausedChannel}>: {reason}. Fix that, then run /subscriptions there and press Resume.");
        try
        {
            await discord.CreateMessageAsync(new Snowflake(systemChannel), new MessageBuilder().WithContent(text).Build(), cancellationToken);
            logger.LogInformation("Told guild {GuildId} that announcements in {ChannelId} are paused", guildId, pausedChannel);
        }
        catch (DiscordRestException ex)
        {
            logger.LogWarning("Could not tell guild {GuildId} in its system channel {SystemChannelId} about the pause in {ChannelId}: {Error}",
                guildId, systemChannel, pausedChannel, ex.Message);
        }
    }
}
