using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// A reproducible mix of what members do: /review (by slug or by title as typed), /episode with a
/// show, and show autocomplete as keystrokes (a prefix of a real title, 1 to all its characters).
/// Members do not ask about every review equally: a few (the new and the famous) are asked about
/// far more than the back catalogue, so shows are drawn by popularity, the review of rank r with
/// weight 1/r (Zipf, s = 1), over one fixed order of the store shared by every phase of a run.
/// </summary>
public static class Workload
{
    public const string Review = "review";
    public const string Episode = "episode";
    public const string Autocomplete = "autocomplete";
    public const string Unknown = "unknown";

    private static ulong _nextId = 1_200_000_000_000_000_000;

    public static List<PlannedInteraction> Mixed(int count, StoreSize store, ulong applicationId, int seed = 7) =>
        MixedWithReviews(count, store, applicationId, seed).Plan;

    /// <summary><see cref="Mixed"/>, with the review (index into the store) each interaction is about, to count first asks.</summary>
    /// <param name="floorShare">
    /// The share of unknown commands (the floor, <see cref="Floor"/>) dealt in among the others, so the
    /// floor is also measured where the commands are: after whatever ran before them. None by default,
    /// and then the plan is the same as before for the same seed.
    /// </param>
    public static (List<PlannedInteraction> Plan, List<int> Reviews) MixedWithReviews(int count, StoreSize store, ulong applicationId, int seed = 7, double floorShare = 0)
    {
        var random = new Random(seed);
        var popularity = Popularity.For(store.Reviews);
        var plan = new List<PlannedInteraction>(count);
        var reviews = new List<int>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Interlocked.Increment(ref _nextId);
            var review = popularity.Draw(random);
            reviews.Add(review);
            var title = ShowTitles.At(review);
            var channel = InteractionPayloads.ChannelId + (ulong)random.Next(100);
            var roll = random.NextDouble();
            if (floorShare > 0 && random.NextDouble() < floorShare)
            {
                reviews[^1] = -1;
                plan.Add(new PlannedInteraction(id, Unknown, InteractionPayloads.Unknown(id, applicationId)));
                continue;
            }

            plan.Add(roll switch
            {
                < 0.2 => new PlannedInteraction(id, Review, InteractionPayloads.Review(id, applicationId, ReviewBot.Core.Reviews.Slug.From(title), channel)),
                < 0.4 => new PlannedInteraction(id, Review, InteractionPayloads.Review(id, applicationId, title, channel)),
                < 0.7 => new PlannedInteraction(id, Episode, InteractionPayloads.Episode(id, applicationId, 1 + random.Next(store.EpisodesPerReview), title, channel)),
                _ => new PlannedInteraction(id, Autocomplete, InteractionPayloads.Autocomplete(id, applicationId, title[..(1 + random.Next(title.Length))].ToLowerInvariant(), channel)),
            });
        }

        return (plan, reviews);
    }

    /// <summary>Only the interactions of one kind, from a mix of <paramref name="count"/>.</summary>
    public static List<PlannedInteraction> Only(string kind, int count, StoreSize store, ulong applicationId, int seed) =>
        [.. Mixed(count, store, applicationId, seed).Where(p => p.Kind == kind)];

    /// <summary>/review by slug of each of the given reviews (indexes into the store), in order.</summary>
    public static List<PlannedInteraction> ReviewsOf(IEnumerable<int> reviews, ulong applicationId) =>
        [.. reviews.Select(review =>
        {
            var id = Interlocked.Increment(ref _nextId);
            return new PlannedInteraction(id, Review, InteractionPayloads.Review(id, applicationId, ReviewBot.Core.Reviews.Slug.From(ShowTitles.At(review))));
        })];

    /// <summary>/episode <paramref name="number"/> of each of the given reviews (indexes into the store), by title, in order.</summary>
    public static List<PlannedInteraction> EpisodesOf(IEnumerable<int> reviews, int number, ulong applicationId) =>
        [.. reviews.Select(review =>
        {
            var id = Interlocked.Increment(ref _nextId);
            return new PlannedInteraction(id, Episode, InteractionPayloads.Episode(id, applicationId, number, ShowTitles.At(review)));
        })];

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

/// <summary>Review indexes by Zipf rank: rank r (1-based) is drawn with weight 1/r; ranks map to a fixed shuffle of the store.</summary>
internal sealed class Popularity
{
    private static readonly Dictionary<int, Popularity> BySize = [];
    private readonly double[] _cumulative;
    private readonly int[] _reviewOfRank;

    private Popularity(int reviews, int seed)
    {
        _cumulative = new double[reviews];
        var sum = 0.0;
        for (var rank = 1; rank <= reviews; rank++)
        {
            sum += 1.0 / rank;
            _cumulative[rank - 1] = sum;
        }

        _reviewOfRank = Enumerable.Range(0, reviews).ToArray();
        new Random(seed).Shuffle(_reviewOfRank);
    }

    public static Popularity For(int reviews)
    {
        lock (BySize)
        {
            return BySize.TryGetValue(reviews, out var known) ? known : BySize[reviews] = new Popularity(reviews, seed: 20_261_206);
        }
    }

    public int Draw(Random random)
    {
        var target = random.NextDouble() * _cumulative[^1];
        var rank = Array.BinarySearch(_cumulative, target);
        return _reviewOfRank[Math.Min(rank < 0 ? ~rank : rank, _reviewOfRank.Length - 1)];
    }
}
