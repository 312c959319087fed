using System.Collections.Concurrent;
using ReviewBot.Shared;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Each server's system channel, as the gateway last told (GUILD_CREATE for every server on each
/// connect, GUILD_UPDATE when a server changes it, so memory is enough), or as Discord answered when
/// asked (a process that runs no gateway): where the bot tells a server that it paused its announcements.
/// An answer Discord gave holds for <see cref="LookedUpAnswerLifetime"/>, since such a process hears of no
/// change; a question Discord did not answer is remembered for a while too, so the passes that tell pauses
/// do not ask it again each time.
/// </summary>
public sealed class GuildSystemChannels(TimeProvider time)
{
    /// <summary>
    /// How long Discord's answer to GET /guilds/{id} holds: a process without the gateway hears no
    /// GUILD_UPDATE, so a server that had no system channel and set one (or moved it) is asked again after
    /// this, only while it has a pause to tell.
    /// </summary>
    public static readonly TimeSpan LookedUpAnswerLifetime = TimeSpan.FromHours(6);

    /// <summary>
    /// After a lookup that failed on Discord's side (5xx, no answer, a 429 past the client's retries, a
    /// rejected token): the first wait before asking again, doubled for each failure in a row up to
    /// <see cref="LastRetryAfter"/>.
    /// </summary>
    public static readonly TimeSpan FirstRetryAfter = TimeSpan.FromMinutes(1);

    public static readonly TimeSpan LastRetryAfter = TimeSpan.FromHours(1);

    /// <summary>
    /// After Discord refused the lookup (404: the server is gone or the bot was removed; 403: no access):
    /// the same answer would come back, and each refusal counts toward Discord's limit on invalid
    /// requests, so the server is asked again only after this (or told sooner by its next GUILD_CREATE).
    /// </summary>
    public static readonly TimeSpan RefusedRetryAfter = TimeSpan.FromHours(6);

    private readonly ConcurrentDictionary<ulong, KnownChannel> _systemChannels = new();
    private readonly ConcurrentDictionary<ulong, FailedLookup> _failedLookups = new();

    // Per server, the system channel a notice was last refused in as gone or hidden (Unusable), until the
    // next lookup answer or the gateway's word on the server.
    private readonly ConcurrentDictionary<ulong, ulong> _unusable = new();

    /// <summary>What the gateway told (GUILD_CREATE, GUILD_UPDATE): it holds until the gateway tells otherwise.</summary>
    public void Set(ulong guildId, ulong? systemChannelId)
    {
        _systemChannels[guildId] = new KnownChannel(systemChannelId, null);
        _failedLookups.TryRemove(guildId, out _);
        _unusable.TryRemove(guildId, out _);
    }

    /// <summary>
    /// What Discord answered when asked: it holds for <see cref="LookedUpAnswerLifetime"/>. It does not
    /// replace what the gateway told while the question was on its way, which is the newer of the two.
    /// An answer that still names the channel the bot was just refused in (<see cref="Unusable"/>: the bot
    /// cannot see it, yet the server keeps it) holds as "no channel to tell in" for that long, so the
    /// refusal is met again once per answer, not each time a notice's claim expires. Returns the channel to
    /// tell the server in now (null: none).
    /// </summary>
    public ulong? Looked(ulong guildId, ulong? systemChannelId)
    {
        var usable = _unusable.TryRemove(guildId, out var refused) && refused == systemChannelId ? null : systemChannelId;
        var answer = new KnownChannel(usable, time.GetUtcNow() + LookedUpAnswerLifetime);
        var held = _systemChannels.AddOrUpdate(guildId, answer, (_, known) => known.ForgetAt is null ? known : answer);
        _failedLookups.TryRemove(guildId, out _);
        return held.ChannelId;
    }

    /// <summary>
    /// Discord refused a post in <paramref name="systemChannelId"/> as an unknown channel or one the bot
    /// cannot see: what was known of the server's system channel is forgotten, so the next look asks
    /// Discord (or the gateway tells) again. Nothing is forgotten when the server is already known by
    /// another channel, which is newer news than the refused post.
    /// </summary>
    public void Unusable(ulong guildId, ulong systemChannelId)
    {
        _unusable[guildId] = systemChannelId;
        Forget(guildId, systemChannelId);
    }

    /// <summary>CHANNEL_DELETE: a deleted channel that was the server's system channel is no longer known as it.</summary>
    public void ChannelDeleted(ulong guildId, ulong channelId) => Forget(guildId, channelId);

    public void Remove(ulong guildId)
    {
        _systemChannels.TryRemove(guildId, out _);
        _failedLookups.TryRemove(guildId, out _);
        _unusable.TryRemove(guildId, out _);
    }

    private void Forget(ulong guildId, ulong systemChannelId)
    {
        if (_systemChannels.TryGetValue(guildId, out var known) && known.ChannelId == systemChannelId)
        {
            // Removes only the entry read, not one the gateway or a lookup put there since.
            _systemChannels.TryRemove(new KeyValuePair<ulong, KnownChannel>(guildId, known));
        }
    }

    /// <summary>Whether the server's system channel is known (<paramref name="systemChannel"/> null: it has none).</summary>
    public bool Knows(ulong guildId, out ulong? systemChannel)
    {
        if (_systemChannels.TryGetValue(guildId, out var known) && (known.ForgetAt is not { } forgetAt || time.GetUtcNow() < forgetAt))
        {
            systemChannel = known.ChannelId;
            return true;
        }

        systemChannel = null;
        return false;
    }

    /// <summary>
    /// Whether the server cannot be told anything now: it has no system channel as last heard, or asking
    /// Discord failed and the wait before asking again is not over. Either ends by itself
    /// (<see cref="LookedUpAnswerLifetime"/>, the wait) or when the gateway tells of the server again.
    /// </summary>
    public bool CannotTellYet(ulong guildId) =>
        Knows(guildId, out var systemChannel) ? systemChannel is null : AskAgainAt(guildId) is not null;

    /// <summary>When Discord may be asked about the server again, or null when nothing holds the question back.</summary>
    public DateTimeOffset? AskAgainAt(ulong guildId) =>
        _failedLookups.TryGetValue(guildId, out var failed) && time.GetUtcNow() < failed.AskAgainAt ? failed.AskAgainAt : null;

    /// <summary>
    /// Remembers that asking Discord about the server failed, <paramref name="refused"/> when Discord
    /// answered 403 or 404; returns when it may be asked again.
    /// </summary>
    public DateTimeOffset LookupFailed(ulong guildId, bool refused)
    {
        var now = time.GetUtcNow();
        var failed = _failedLookups.AddOrUpdate(
            guildId,
            _ => new FailedLookup(1, now + RetryAfter(1, refused)),
            (_, earlier) => new FailedLookup(earlier.Failures + 1, now + RetryAfter(earlier.Failures + 1, refused)));
        return failed.AskAgainAt;
    }

    private static TimeSpan RetryAfter(int failures, bool refused) =>
        refused ? RefusedRetryAfter : new ExponentialBackoff(FirstRetryAfter, LastRetryAfter).Delay(failures);

    private readonly record struct FailedLookup(int Failures, DateTimeOffset AskAgainAt);

    /// <summary>A system channel (null: none) and, for Discord's answer to a lookup, when it stops holding.</summary>
    private readonly record struct KnownChannel(ulong? ChannelId, DateTimeOffset? ForgetAt);
}
