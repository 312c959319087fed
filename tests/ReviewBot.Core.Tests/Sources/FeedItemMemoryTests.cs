using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>What a feed's remembered items are read and forgotten by, on each store: the keys travel as one JSON array.</summary>
public sealed class FeedItemMemoryTests
{
    private const string Feed = "https://reviews.example/feed/";
    private const string OtherFeed = "https://other.example/feed/";

    // Quotes, a backslash and letters outside ASCII: the array is JSON, not text put together.
    private const string Awkward = "tag:reviews.example,2026:\"it's\" \\ ✓ 第9話";

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task AFeedsItemsAreReadByTheKeysAPollLists(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new FeedStateStore(db.Get<ReviewDatabase>());
        var now = db.Time.GetUtcNow();
        foreach (var key in new[] { "a", "b", Awkward })
        {
            await store.SaveItemAsync(Item(Feed, key), now, CancellationToken.None);
        }

        await store.SaveItemAsync(Item(OtherFeed, "a"), now, CancellationToken.None);

        var read = await store.GetItemsAsync(Feed, ["a", Awkward, "not remembered"], CancellationToken.None);

        Assert.Equal(["a", Awkward], read.Keys.Order(StringComparer.Ordinal));
        Assert.All(read.Values, item => Assert.Equal(Feed, item.FeedUrl));
        Assert.Empty(await store.GetItemsAsync(Feed, [], CancellationToken.None));
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task OnlyItemsTheFeedNoLongerLists_AndUnchangedSinceTheCutOff_AreForgotten(StorageProvider provider)
    {
        await using var db = await TestDatabase.CreateAsync(provider);
        var store = new FeedStateStore(db.Get<ReviewDatabase>());
        var old = db.Time.GetUtcNow();
        foreach (var key in new[] { "listed", "gone", Awkward })
        {
            await store.SaveItemAsync(Item(Feed, key), old, CancellationToken.None);
        }

        await store.SaveItemAsync(Item(Feed, "gone, but changed lately"), old + TimeSpan.FromDays(2), CancellationToken.None);
        await store.SaveItemAsync(Item(OtherFeed, "gone"), old, CancellationToken.None);

        var forgotten = await store.ForgetItemsAsync(Feed, ["listed", "never seen"], old + TimeSpan.FromDays(1), CancellationToken.None);

        Assert.Equal(2, forgotten);
        var left = await store.GetItemsAsync(Feed, ["listed", "gone", Awkward, "gone, but changed lately"], CancellationToken.None);
        Assert.Equal(["gone, but changed lately", "listed"], left.Keys.Order(StringComparer.Ordinal));
        Assert.Single(await store.GetItemsAsync(OtherFeed, ["gone"], CancellationToken.None));
    }

    private static FeedItemRecord Item(string feed, string key) =>
        new(feed, key, "hash-" + key, FeedItemOutcome.NotAReview, null, "not a review", DateTimeOffset.UnixEpoch);
}
