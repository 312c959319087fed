using System.Collections.Concurrent;
using ReviewBot.Shared;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Each server's system channel, as GUILD_CREATE last told (it arrives for every server on each
/// connect, so memory is enough), or as Discord answered when asked (a process that runs no gateway):
/// where the bot tells a server that it paused its announcements. A question Discord did not answer
/// is remembered for a while too, so the passes that tell pauses do not ask it again each time.
/// </summary>
public sealed class GuildSystemChannels(TimeProvider time)
{
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

    private readonly ConcurrentDictionary<ulong, ulong?> _systemChannels = new();
    private readonly ConcurrentDictionary<ulong, FailedLookup> _failedLookups = new();

    public void Set(ulong guildId, ulong? systemChannelId)
    {
        _systemChannels[guildId] = systemChannelId;
        _failedLookups.TryRemove(guildId, out _);
    }

    public void Remove(ulong guildId)
    {
        _systemChannels.TryRemove(guildId, out _);
        _failedLookups.TryRemove(guildId, out _);
    }

    public ulong? SystemChannel(ulong guildId) => _systemChannels.TryGetValue(guildId, out var channel) ? channel : null;

    /// <summary>Whether the server's system channel is known (<paramref name="systemChannel"/> null: it has none).</summary>
    public bool Knows(ulong guildId, out ulong? systemChannel) => _systemChannels.TryGetValue(guildId, out systemChannel);

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
}
