using System.Diagnostics.Metrics;
using ReviewBot.Caching;
using ReviewBot.Core.Answers;
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
/// Bounded by <see cref="CapacityBytes"/>, charged per entry with the bytes it keeps alive: the body
/// and the files it carries (the chart, which the body holds a copy of). The message objects it was
/// built from, a few KB, are not counted. Past the bound the least recently used entries are dropped
/// to make room, so an answer just kept is always found; an entry unused for
/// <see cref="KeptWhileUnused"/> is dropped when next seen. A MemoryCache with a size
/// limit did neither: once full it refused every new entry until a compaction it ran on its own had
/// made room, so answers asked again right after were built again.
/// An answer is kept from its second ask on (<see cref="RepeatedAsks"/>): one asked for once is built,
/// sent and left to the collector.
/// Meter "ReviewBot", counter "reviewbot.answers" with tag <c>from</c> = kept | built: how often an
/// answer was found kept.
/// </remarks>
public sealed class AnswerCache : IDisposable
{
    public const long CapacityBytes = 16 * 1024 * 1024;

    public const string AnswersInstrument = "reviewbot.answers";

    public static readonly TimeSpan KeptWhileUnused = TimeSpan.FromHours(12);

    /// <summary>How many recent questions decide what is kept: a few times the answers the bound holds.</summary>
    private const int RememberedAsks = 8192;

    private readonly TimeProvider _time;
    private readonly RepeatedAsks _asked = new(RememberedAsks);
    private readonly Counter<long> _answers;
    private readonly Lock _lock = new();
    private readonly Dictionary<AnswerKey, LinkedListNode<Entry>> _entries = [];

    /// <summary>Most recently used first; moving a node allocates nothing.</summary>
    private readonly LinkedList<Entry> _byUse = new();

    private long _bytes;

    public AnswerCache(IMeterFactory meters, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        _answers = meters.Create(InteractionMetrics.MeterName).CreateCounter<long>(
            AnswersInstrument, unit: "{answer}", description: "/review and /episode answers for a known version, by where from: kept (built before) or built now.");
    }

    /// <summary>The answer kept for <paramref name="key"/> (its body prepared), or null.</summary>
    public InteractionReply? Find(AnswerKey key)
    {
        var reply = FindKept(key);
        _answers.Add(1, new KeyValuePair<string, object?>("from", reply is null ? "built" : "kept"));
        return reply;
    }

    /// <summary>
    /// Offers <paramref name="reply"/>, built for <paramref name="key"/>, to be kept. When it was asked
    /// for before, its callback body is serialised once and both are kept, and the reply with its body
    /// is returned; an answer asked for the first time is returned as it is, not kept.
    /// </summary>
    public InteractionReply Offer(AnswerKey key, InteractionReply reply) =>
        _asked.AskedBefore(key.Fingerprint) ? Keep(key, reply) : reply;

    private InteractionReply? FindKept(AnswerKey key)
    {
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_entries.TryGetValue(key, out var node))
            {
                return null;
            }

            if (_time.GetElapsedTime(node.Value.LastUsed, now) > KeptWhileUnused)
            {
                Drop(node);
                return null;
            }

            node.Value.LastUsed = now;
            _byUse.Remove(node);
            _byUse.AddFirst(node);
            return node.Value.Reply;
        }
    }

    /// <summary>Serialises <paramref name="reply"/>'s callback body once and keeps both for <paramref name="key"/>; returns the reply with its body.</summary>
    private InteractionReply Keep(AnswerKey key, InteractionReply reply)
    {
        var prepared = PreparedCallback.Create(key.Callback, reply.Message);
        var kept = reply with { Prepared = prepared };
        var size = prepared.Body.Length + (reply.Message.Files?.Sum(f => (long)f.Content.Length) ?? 0);
        var now = _time.GetTimestamp();
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out var replaced))
            {
                Drop(replaced);
            }

            if (size > CapacityBytes)
            {
                return kept; // it would push out everything else and still not fit
            }

            while (_byUse.Last is { } oldest
                && (_bytes + size > CapacityBytes || _time.GetElapsedTime(oldest.Value.LastUsed, now) > KeptWhileUnused))
            {
                Drop(oldest);
            }

            _entries.Add(key, _byUse.AddFirst(new Entry(key, kept, size) { LastUsed = now }));
            _bytes += size;
        }

        return kept;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _entries.Clear();
            _byUse.Clear();
            _bytes = 0;
        }
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _byUse.Remove(node);
        _bytes -= node.Value.Size;
    }

    private sealed class Entry(AnswerKey key, InteractionReply reply, long size)
    {
        public AnswerKey Key { get; } = key;

        public InteractionReply Reply { get; } = reply;

        public long Size { get; } = size;

        /// <summary>A <see cref="TimeProvider.GetTimestamp"/> of the last find or the keep.</summary>
        public long LastUsed { get; set; }
    }
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
