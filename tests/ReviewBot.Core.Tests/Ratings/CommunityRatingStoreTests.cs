using ReviewBot.Core.Storage;
using ReviewBot.Core.Ratings;
using static ReviewBot.Core.Tests.Subscriptions.SubscriptionTestData;

namespace ReviewBot.Core.Tests.Ratings;

public abstract class CommunityRatingStoreTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    private const ulong Member = 950_000_000_000_000_001;

    [Fact]
    public async Task Rate_OneMemberPressingManyTimesAtOnce_LeavesExactlyOneRating()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var review = await ImportAsync(db, "Frieren", "9/10");
        var store = db.Get<CommunityRatingStore>();

        var presses = Enumerable.Range(0, 40).Select(i => Task.Run(() => store.RateAsync(review, Member, 1 + (i % 10), CancellationToken.None)));
        var results = await Task.WhenAll(presses);

        Assert.All(results, r => Assert.Equal(1, r.Score.Count));
        Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM community_ratings WHERE review_id = {review}"));
        var kept = await store.GetMineAsync(review, Member, CancellationToken.None);
        Assert.InRange(kept!.Value, 1, 10);
        Assert.Equal(new CommunityScore(kept, 1), await store.GetAsync(review, CancellationToken.None));
    }

    [Fact]
    public async Task Rate_ManyMembersPressingTwiceAtOnce_CountsEachMemberOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var review = await ImportAsync(db, "Frieren", "9/10");
        var store = db.Get<CommunityRatingStore>();
        var members = Enumerable.Range(0, 25).Select(i => Member + (ulong)i).ToList();

        // Every member presses 4 then 6 (in either order, racing everyone else): one rating each, of 4 or 6.
        await Task.WhenAll(members.SelectMany(m => new[] { 4, 6 }.Select(r => Task.Run(() => store.RateAsync(review, m, r, CancellationToken.None)))));

        var score = await store.GetAsync(review, CancellationToken.None);
        Assert.Equal(25, score.Count);
        Assert.InRange(score.Average!.Value, 4, 6);
        foreach (var member in members)
        {
            Assert.Contains(await store.GetMineAsync(review, member, CancellationToken.None), new int?[] { 4, 6 });
        }
    }

    [Fact]
    public async Task RateChangeRemove_ScoreFollowsEachStepAndRemovingTwiceIsHarmless()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var review = await ImportAsync(db, "Frieren", "9/10");
        var store = db.Get<CommunityRatingStore>();

        Assert.Equal(new CommunityScore(8, 1), (await store.RateAsync(review, Member, 8, CancellationToken.None)).Score);
        Assert.Equal(new CommunityScore(7, 2), (await store.RateAsync(review, Member + 1, 6, CancellationToken.None)).Score);
        Assert.Equal(new CommunityScore(8, 2), (await store.RateAsync(review, Member + 1, 8, CancellationToken.None)).Score);
        Assert.Equal(new CommunityScore(8, 1), (await store.RemoveAsync(review, Member, CancellationToken.None)).Score);
        Assert.Equal(new CommunityScore(8, 1), (await store.RemoveAsync(review, Member, CancellationToken.None)).Score);
    }

    [Fact]
    public async Task Rate_ReviewThatDoesNotExist_StoresNothing()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var result = await db.Get<CommunityRatingStore>().RateAsync(424242, Member, 7, CancellationToken.None);

        Assert.False(result.ReviewExists);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM community_ratings"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task Rate_OutsideOneToTen_IsRefused(int rating)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var review = await ImportAsync(db, "Frieren", "9/10");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => db.Get<CommunityRatingStore>().RateAsync(review, Member, rating, CancellationToken.None));

        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM community_ratings"));
    }

    [Fact]
    public async Task Top_OrdersByVerdictOutOfTenAndByCommunityWithTheStatedTieBreaks()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var nine = await ImportAsync(db, "Nine", "9/10");
        var eightOfTen = await ImportAsync(db, "Eight Of Ten", "8/10");
        var fourOfFive = await ImportAsync(db, "Four Of Five", "4/5");
        var six = await ImportAsync(db, "Six", "6/10");
        var store = db.Get<CommunityRatingStore>();
        // Four Of Five (8/10 too) is ahead of Eight Of Ten on the community score.
        await RateAsync(store, fourOfFive, 9, 9, 9);
        await RateAsync(store, eightOfTen, 7, 7, 7, 7);
        // Six: the community's favourite. Nine: the same average as Eight Of Ten but fewer ratings.
        await RateAsync(store, six, 10, 10, 10);
        await RateAsync(store, nine, 7, 7, 7);
        // Two ratings are below the minimum for the community list, however high.
        var few = await ImportAsync(db, "Few", "5/10");
        await RateAsync(store, few, 10, 10);

        var top = await store.TopAsync(10, CancellationToken.None);

        Assert.Equal(["Nine", "Four Of Five", "Eight Of Ten", "Six", "Few"], top.ByVerdict.Select(r => r.ShowTitle));
        Assert.Equal(8, top.ByVerdict[1].VerdictOutOfTen);
        Assert.Equal(["Six", "Four Of Five", "Eight Of Ten", "Nine"], top.ByCommunity.Select(r => r.ShowTitle));
        Assert.Equal(new CommunityScore(7, 4), top.ByCommunity[2].Community);
        Assert.Equal(3, top.MinimumRatings);
        Assert.Equal(["Nine", "Four Of Five"], (await store.TopAsync(2, CancellationToken.None)).ByVerdict.Select(r => r.ShowTitle));
    }

    [Fact]
    public async Task Top_UnratedLeaderAndUnjudgedFavourite_AreListedWithoutScoresTheyDoNotHave()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await ImportAsync(db, "Unrated", "10/10");
        var result = await db.ImportAsync(Review("No Verdict").Replace("  • Verdict - 6/10", "", StringComparison.Ordinal), sourceKey: "none.txt");
        Assert.True(result.Succeeded, result.Error);
        var store = db.Get<CommunityRatingStore>();
        await RateAsync(store, result.ReviewId!.Value, 5, 6, 7);

        var top = await store.TopAsync(5, CancellationToken.None);

        Assert.Equal(CommunityScore.None, top.ByVerdict[0].Community);
        var favourite = Assert.Single(top.ByCommunity);
        Assert.Null(favourite.VerdictOutOfTen);
        Assert.Equal(new CommunityScore(6, 3), favourite.Community);
        Assert.DoesNotContain(top.ByVerdict, r => r.ShowTitle == "No Verdict");
    }

    [Fact]
    public async Task Totals_FollowEveryRatingGivenChangedAndTakenBack_AndGoWithTheirReview()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var rated = await ImportAsync(db, "Frieren", "9/10");
        var other = await ImportAsync(db, "Dandadan", "8/10");
        var store = db.Get<CommunityRatingStore>();

        await RateAsync(store, rated, 7, 9, 4);
        await store.RateAsync(other, Member, 2, CancellationToken.None);
        await store.RateAsync(rated, Member + 101, 3, CancellationToken.None); // 9 becomes 3
        await store.RemoveAsync(rated, Member + 100, CancellationToken.None);  // 7 taken back

        Assert.Equal((2, 7), await TotalsAsync(db, rated));
        Assert.Equal((1, 2), await TotalsAsync(db, other));
        Assert.Equal(new CommunityScore(3.5, 2), await store.GetAsync(rated, CancellationToken.None));

        await store.RemoveAsync(rated, Member + 101, CancellationToken.None);
        await store.RemoveAsync(rated, Member + 102, CancellationToken.None);
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM review_rating_totals WHERE review_id = {rated}"));
        Assert.Equal(new CommunityScore(null, 0), await store.GetAsync(rated, CancellationToken.None));

        await ExecuteAsync(db, $"DELETE FROM reviews WHERE id = {other}");
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM review_rating_totals"));
    }

    [Fact]
    public async Task Totals_AfterManyMembersRateAtOnce_EqualTheRatingsCountedOneByOne()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var review = await ImportAsync(db, "Frieren", "9/10");
        var store = db.Get<CommunityRatingStore>();

        await Task.WhenAll(Enumerable.Range(0, 30).Select(i => Task.Run(() => store.RateAsync(review, Member + (ulong)i, 1 + (i % 10), CancellationToken.None))));
        await Task.WhenAll(Enumerable.Range(0, 30).Where(i => i % 3 == 0).Select(i => Task.Run(() => store.RemoveAsync(review, Member + (ulong)i, CancellationToken.None))));

        var counted = (await db.ScalarAsync($"SELECT COUNT(*) FROM community_ratings WHERE review_id = {review}"),
            await db.ScalarAsync($"SELECT SUM(rating) FROM community_ratings WHERE review_id = {review}"));
        Assert.Equal(20, counted.Item1);
        Assert.Equal(counted, await TotalsAsync(db, review));
    }

    private static async Task<(long Ratings, long Sum)> TotalsAsync(TestDatabase db, long review) =>
        (await db.ScalarAsync($"SELECT ratings FROM review_rating_totals WHERE review_id = {review}"),
         await db.ScalarAsync($"SELECT rating_sum FROM review_rating_totals WHERE review_id = {review}"));

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RateAsync(CommunityRatingStore store, long review, params int[] ratings)
    {
        for (var i = 0; i < ratings.Length; i++)
        {
            await store.RateAsync(review, Member + 100 + (ulong)i, ratings[i], CancellationToken.None);
        }
    }

    private static async Task<long> ImportAsync(TestDatabase db, string show, string verdict)
    {
        var result = await db.ImportAsync(Review(show).Replace("Verdict - 6/10", "Verdict - " + verdict, StringComparison.Ordinal), sourceKey: show + ".txt");
        Assert.True(result.Succeeded, result.Error);
        return result.ReviewId!.Value;
    }
}

public sealed class CommunityRatingStoreTestsOnSqlite : CommunityRatingStoreTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class CommunityRatingStoreTestsOnPostgreSql : CommunityRatingStoreTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
