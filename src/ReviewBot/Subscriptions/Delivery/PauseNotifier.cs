using System.Globalization;
using System.Net;
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
/// processes, and then never hears one) is asked of Discord; when that fails, the failure is kept for
/// a while (<see cref="GuildSystemChannels"/>) and the notice goes when a later look or the next
/// GUILD_CREATE or GUILD_UPDATE finds the channel. The delivery worker looks for pauses still to tell every
/// <see cref="LookEvery"/> (<see cref="NotifyUnnoticedAsync"/>), so a notice whose telling was cut short
/// (a process stopped, Discord failed the post) is told once its claim has expired.
/// </summary>
public sealed class PauseNotifier(
    DiscordRestClient discord,
    PauseNotices notices,
    GuildSystemChannels systemChannels,
    TimeProvider time,
    ILogger<PauseNotifier> logger)
{
    /// <summary>How often the delivery worker looks for pauses still to tell (a claim expires after <see cref="PauseNotices.ClaimLifetime"/>).</summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromMinutes(1);

    // One at a time in this process (the claim in the database covers other processes too), so the
    // notices of one server go out one after another and its system channel is asked about once.
    private readonly SemaphoreSlim _gate = new(1, 1);

    private long? _lastLook;

    /// <summary>
    /// Tells every server about its pauses no one has told nor is telling now, at most once per
    /// <see cref="LookEvery"/>; called by the delivery worker on each pass.
    /// </summary>
    public async Task NotifyUnnoticedAsync(CancellationToken cancellationToken)
    {
        if (_lastLook is { } last && time.GetElapsedTime(last) < LookEvery)
        {
            return;
        }

        _lastLook = time.GetTimestamp();
        // One query lists the servers; those known to have no system channel, or whose lookup failed a
        // moment ago, are left out here, until that answer expires or the gateway tells of them again
        // (GUILD_CREATE, GUILD_UPDATE, which tell at once), instead of being taken up on every look.
        foreach (var guildId in (await notices.GetGuildsWithUntoldAsync(cancellationToken)).Where(g => !systemChannels.CannotTellYet(g)))
        {
            await NotifyAsync(guildId, cancellationToken);
        }
    }

    public async Task NotifyAsync(ulong guildId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Looked up inside the gate: channels of one server paused at once (delivery lanes run in
            // parallel) then ask Discord about it once, and the later ones find the answer or the failure.
            if (await SystemChannelAsync(guildId, cancellationToken) is not { } systemChannel)
            {
                return;
            }

            var pauses = await notices.GetUntoldAsync(guildId, cancellationToken);
            var pausedChannels = pauses.Select(p => p.ChannelId).ToHashSet();
            foreach (var channel in pauses.GroupBy(p => p.ChannelId))
            {
                // Claimed before it is posted, so two processes telling at once post it once. The claim is
                // confirmed once the notice is posted, or refused for good (retrying a refused system channel
                // only adds invalid requests); a post cut short leaves it to expire, and a later look tells.
                if (await notices.ClaimAsync(channel.Key, cancellationToken) is not { } claim)
                {
                    continue;
                }

                var pause = channel.First();
                // A system channel that is itself paused cannot carry the notice: nothing to post, nor to retry.
                var told = pausedChannels.Contains(systemChannel) ? NoticeOutcome.Told : await PostAsync(guildId, systemChannel, pause, cancellationToken);
                if (told == NoticeOutcome.Told)
                {
                    await notices.ConfirmAsync(claim, cancellationToken);
                }
                else if (told == NoticeOutcome.SystemChannelUnusable)
                {
                    // What was known of the server's system channel is wrong now; the claim expires, and the
                    // pauses not yet claimed wait for a look that knows the channel again, instead of being
                    // posted into the same refusal.
                    systemChannels.Unusable(guildId, systemChannel);
                    return;
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

        if (systemChannels.AskAgainAt(guildId) is not null)
        {
            return null;
        }

        try
        {
            var guild = await discord.GetGuildAsync(new Snowflake(guildId), cancellationToken);
            return systemChannels.Looked(guildId, guild.SystemChannelId?.Value);
        }
        catch (DiscordRestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            var askAgainAt = systemChannels.LookupFailed(guildId, refused: ex.Status is HttpStatusCode.NotFound or HttpStatusCode.Forbidden);
            logger.LogWarning("Could not read guild {GuildId}'s system channel to tell it about paused announcements; asking again after {AskAgainAt}, or told by its next GUILD_CREATE or GUILD_UPDATE: {Error}",
                guildId, askAgainAt, ex.Message);
            return null;
        }
    }

    /// <summary>Posts the notice, and says whether the server was told, may be told by a later try, or its system channel is not one to tell it in.</summary>
    private async Task<NoticeOutcome> PostAsync(ulong guildId, ulong systemChannel, Subscription pause, CancellationToken cancellationToken)
    {
        var pausedChannel = pause.ChannelId;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"ReviewBot paused its review announcements in <#{pausedChannel}>: {pause.PauseReason ?? "Discord refused the channel"}. Fix that, then run /subscriptions there and press Resume.");
        // The nonce names this pause, not this call: a post held up past its claim and the pass that
        // claimed the notice after it are one message wherever Discord still remembers the first.
        var message = new MessageBuilder().WithContent(text).WithNonce(MessageNonce.ForPauseNotice(pause.Id, pause.PausedAt!.Value)).Build();
        try
        {
            await discord.CreateMessageAsync(new Snowflake(systemChannel), message, cancellationToken);
            logger.LogInformation("Told guild {GuildId} that announcements in {ChannelId} are paused", guildId, pausedChannel);
            return NoticeOutcome.Told;
        }
        catch (DiscordRestException ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (ex.CouldNotServe || ex.Status is HttpStatusCode.Unauthorized)
            {
                logger.LogWarning("Could not tell guild {GuildId} in its system channel {SystemChannelId} about the pause in {ChannelId}; a later look tells it: {Error}",
                    guildId, systemChannel, pausedChannel, ex.Message);
                return NoticeOutcome.TryAgain;
            }

            // Unknown Channel (10003) and Missing Access (50001) say the channel held as the system channel
            // is gone or out of the bot's sight: a cached answer or a missed CHANNEL_DELETE, not the server's
            // word on where to tell it. Missing Permissions (50013) and the other refusals come from a
            // channel the bot sees and the server still names, but may not post in (a muted bot is a
            // common, deliberate setup): asking again gets the same refusal, and each counts toward
            // Discord's limit on invalid requests, so those count as told.
            if ((ex.Status, ex.Code) is (HttpStatusCode.NotFound, ChannelAccessProblem.UnknownChannel) or (HttpStatusCode.Forbidden, ChannelAccessProblem.MissingAccess))
            {
                logger.LogWarning("Could not tell guild {GuildId} about the pause in {ChannelId}: its system channel {SystemChannelId} is gone or hidden from the bot; told once its system channel is known again: {Error}",
                    guildId, pausedChannel, systemChannel, ex.Message);
                return NoticeOutcome.SystemChannelUnusable;
            }

            logger.LogWarning("Could not tell guild {GuildId} in its system channel {SystemChannelId} about the pause in {ChannelId}: {Error}",
                guildId, systemChannel, pausedChannel, ex.Message);
            return NoticeOutcome.Told;
        }
    }

    /// <summary>How a notice's post ended: <see cref="Told"/> also when Discord refused it for good.</summary>
    private enum NoticeOutcome
    {
        Told,
        TryAgain,
        SystemChannelUnusable,
    }
}
