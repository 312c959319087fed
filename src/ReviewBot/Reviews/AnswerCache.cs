using System.Diagnostics.Metrics;
using ReviewBot.Caching;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>
/// Finished /review and /episode answers, each with its callback body already serialised, by what
/// they show: the review's <see cref="ReviewVersion"/> and what else goes into the message (which
/// episode, the chart or not, the callback type). Nothing in such an answer depends on who asks or
/// in which channel, so it is built once per version and reused for everyone until the version
/// changes: an edited review or a rating gives a new key, and the old entry ages out unused.
/// </summary>
/// <remarks>
/// Bounded by <see cref="CapacityBytes"/>, charged per entry with the bytes it keeps: its JSON and the
/// files it carries (the chart), copied once outside the managed heap (<see cref="OffHeapBytes"/>), so
/// keeping an answer allocates only its few small objects and no collection ever copies its bytes.
/// Past the bound the least recently used entries are dropped to make room
/// (<see cref="LeastRecentlyUsed{TKey, TValue}"/>), so an answer just kept is always found; an entry
/// unused for <see cref="KeptWhileUnused"/> is dropped when next seen. Each answer handed out holds a
/// reference of its own to those bytes until its sender releases it, so an answer dropped while it is
/// being sent is freed after the send.
/// An answer is kept from its second ask on (<see cref="RepeatedAsks"/>): one asked for once is built,
/// sent and left to the collector.
/// Meter "ReviewBot", counter "reviewbot.answers" with tag <c>from</c> = kept | stored | built: how
/// often an answer was found kept, read as stored with its review version, or built.
/// </remarks>
public sealed class AnswerCache : IDisposable
{
    public const long CapacityBytes = 16 * 1024 * 1024;

    public const string AnswersInstrument = "reviewbot.answers";

    public static readonly TimeSpan KeptWhileUnused = TimeSpan.FromHours(12);

    /// <summary>How many recent questions decide what is kept: a few times the answers the bound holds.</summary>
    private const int RememberedAsks = 8192;

    private readonly RepeatedAsks _asked = new(RememberedAsks);
    private readonly LeastRecentlyUsed<AnswerKey, InteractionReply> _kept;
    private readonly Counter<long> _answers;

    public AnswerCache(IMeterFactory meters, TimeProvider? time = null)
    {
        _kept = new(CapacityBytes, KeptWhileUnused, time ?? TimeProvider.System, dropped: static kept => kept.Release());
        _answers = meters.Create(InteractionMetrics.MeterName).CreateCounter<long>(
            AnswersInstrument, unit: "{answer}", description: "/review and /episode answers for a known version, by where from: kept (from an earlier ask), stored (with the review) or built now.");
    }

    /// <summary>
    /// The answer kept for <paramref name="key"/> (its body prepared), or null; counted as kept when found.
    /// Whoever sends it releases it (<see cref="InteractionReply.Release"/>) once nothing reads it any more.
    /// </summary>
    public InteractionReply? Find(AnswerKey key)
    {
        // Dropped by another ask's Offer between the two: as good as not kept.
        if (!_kept.TryGet(key, out var kept) || kept.TryLeased() is not { } reply)
        {
            return null;
        }

        Count(AnswerSource.Kept);
        return reply;
    }

    /// <summary>Counts an answer for a known version by where it came from (<see cref="Find"/> counts the kept ones itself).</summary>
    public void Count(AnswerSource source) =>
        _answers.Add(1, new KeyValuePair<string, object?>("from", source switch
        {
            AnswerSource.Kept => "kept",
            AnswerSource.Stored => "stored",
            _ => "built",
        }));

    /// <summary>
    /// Offers <paramref name="reply"/>, built or read for <paramref name="key"/>, to be kept. When it
    /// was asked for before, it is copied outside the managed heap with its callback body prepared
    /// (<see cref="InteractionReply.OffHeap"/>) and kept, what the offered reply borrowed goes back at
    /// once, and the kept answer is returned for this ask to send (and release, as any); an answer asked
    /// for the first time, or one only its asker may see, is returned as it is, not kept.
    /// </summary>
    public InteractionReply Offer(AnswerKey key, InteractionReply reply)
    {
        if (reply.IsEphemeral || !_asked.AskedBefore(key.Fingerprint))
        {
            return reply;
        }

        var kept = reply.OffHeap(key.Callback);

        // This ask's own reference, taken before the cache may drop the answer to make room for another's.
        var sent = kept.TryLeased()!;
        _kept.Set(key, kept, kept.Prepared!.Body.Length);
        reply.Release();
        return sent;
    }

    public void Dispose() => _kept.Clear();

}

/// <summary>Where an answer for a known review version came from.</summary>
public enum AnswerSource
{
    /// <summary>Kept in memory from an earlier ask.</summary>
    Kept,

    /// <summary>Read as stored with the review version.</summary>
    Stored,

    /// <summary>Built from the review now.</summary>
    Built,
}

/// <summary>
/// What one kept answer shows: a review at a version, the episode quoted (0 for the whole review),
/// whether the chart is attached, and the callback type its body was serialised for.
/// </summary>
/// <param name="RatingSum">With <paramref name="Ratings"/>, the community score shown; both 0 where no score is shown (/episode).</param>
public readonly record struct AnswerKey(
    long ReviewId, string UpdatedAt, string ContentHash, long Ratings, long RatingSum, int Episode, bool Chart, InteractionCallbackType Callback)
{
    public static AnswerKey ForReview(ReviewVersion version, bool chart, InteractionCallbackType callback) =>
        new(version.ReviewId, version.UpdatedAt, version.ContentHash, version.Ratings, version.RatingSum, 0, chart, callback);

    public static AnswerKey ForEpisode(ReviewVersion version, int episode, InteractionCallbackType callback) =>
        new(version.ReviewId, version.UpdatedAt, version.ContentHash, 0, 0, episode, false, callback);

    /// <summary>The key as 64 bits, for <see cref="RepeatedAsks"/>.</summary>
    public long Fingerprint => RepeatedAsks.Fingerprint(ReviewId, GetHashCode());
}
