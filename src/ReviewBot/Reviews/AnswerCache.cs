using Microsoft.Extensions.Caching.Memory;
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
/// built from, a few KB, are not counted. Past the bound the least recently used entries are dropped.
/// </remarks>
public sealed class AnswerCache : IDisposable
{
    public const long CapacityBytes = 16 * 1024 * 1024;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = CapacityBytes });

    /// <summary>The answer kept for <paramref name="key"/> (its body prepared), or null.</summary>
    public InteractionReply? Find(AnswerKey key) => _cache.TryGetValue(key, out InteractionReply? reply) ? reply : null;

    /// <summary>Serialises <paramref name="reply"/>'s callback body once and keeps both for <paramref name="key"/>; returns the reply with its body.</summary>
    public InteractionReply Keep(AnswerKey key, InteractionReply reply)
    {
        var prepared = PreparedCallback.Create(key.Callback, reply.Message);
        var kept = reply with { Prepared = prepared };
        var files = reply.Message.Files?.Sum(f => (long)f.Content.Length) ?? 0;
        using (var entry = _cache.CreateEntry(key))
        {
            entry.Value = kept;
            entry.Size = prepared.Body.Length + files;
            entry.SlidingExpiration = TimeSpan.FromHours(12);
        }

        return kept;
    }

    public void Dispose() => _cache.Dispose();
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
}
