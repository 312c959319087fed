using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// A reproducible mix of what members do: /review (by slug or by title as typed), /episode with a
/// show, and show autocomplete as keystrokes (a prefix of a real title, 1 to all its characters).
/// </summary>
public static class Workload
{
    public const string Review = "review";
    public const string Episode = "episode";
    public const string Autocomplete = "autocomplete";
    public const string Unknown = "unknown";

    private static ulong _nextId = 1_200_000_000_000_000_000;

    public static List<PlannedInteraction> Mixed(int count, StoreSize store, ulong applicationId, int seed = 7)
    {
        var random = new Random(seed);
        var plan = new List<PlannedInteraction>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Interlocked.Increment(ref _nextId);
            var title = ShowTitles.At(random.Next(store.Reviews));
            var channel = InteractionPayloads.ChannelId + (ulong)random.Next(100);
            var roll = random.NextDouble();
            plan.Add(roll switch
            {
                < 0.2 => new PlannedInteraction(id, Review, InteractionPayloads.Review(id, applicationId, ReviewBot.Core.Reviews.Slug.From(title), channel)),
                < 0.4 => new PlannedInteraction(id, Review, InteractionPayloads.Review(id, applicationId, title, channel)),
                < 0.7 => new PlannedInteraction(id, Episode, InteractionPayloads.Episode(id, applicationId, 1 + random.Next(store.EpisodesPerReview), title, channel)),
                _ => new PlannedInteraction(id, Autocomplete, InteractionPayloads.Autocomplete(id, applicationId, title[..(1 + random.Next(title.Length))].ToLowerInvariant(), channel)),
            });
        }

        return plan;
    }

    /// <summary>Commands the bot does not know: the floor under every answer (gateway, dispatch, callback written).</summary>
    public static List<PlannedInteraction> Floor(int count, ulong applicationId) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var id = Interlocked.Increment(ref _nextId);
            return new PlannedInteraction(id, Unknown, InteractionPayloads.Unknown(id, applicationId));
        })];

    /// <summary>One cheap interaction whose answer proves every dispatch before it was read.</summary>
    public static PlannedInteraction Sentinel(ulong applicationId)
    {
        var id = Interlocked.Increment(ref _nextId);
        return new PlannedInteraction(id, Autocomplete, InteractionPayloads.Autocomplete(id, applicationId, "m"));
    }
}
