using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Charts;

/// <summary>A review's chart is drawn when the review is stored, kept per version of its scores, and never lost with the review.</summary>
public abstract class StoredChartTests
{
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Import_NewReview_StoresItsChartDrawnOnce()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);

        var imported = await db.ImportAsync(Article("Frieren", 3, 4));

        Assert.Equal(ImportStatus.Created, imported.Status);
        Assert.Equal(1, drawer.Count);
        var stored = await StoredAsync(db, imported.ReviewId!.Value, Scores(3, 4));
        Assert.Equal(CountingChartDrawer.ImageOf(Scores(3, 4)), stored?.Png);
    }

    [Fact]
    public async Task Import_EditThatChangesAScore_StoresTheNewChartInPlaceOfTheOld()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var first = await db.ImportAsync(Article("Frieren", 3, 4));

        db.Time.Advance(TimeSpan.FromMinutes(1));
        var edited = await db.ImportAsync(Article("Frieren", 3, 5));

        Assert.Equal((ImportStatus.Updated, first.ReviewId), (edited.Status, edited.ReviewId));
        Assert.Equal(2, drawer.Count);
        Assert.Null(await StoredAsync(db, first.ReviewId!.Value, Scores(3, 4)));
        Assert.Equal(CountingChartDrawer.ImageOf(Scores(3, 5)), (await StoredAsync(db, first.ReviewId!.Value, Scores(3, 5)))?.Png);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts"));
    }

    [Fact]
    public async Task Import_EditThatKeepsTheScores_KeepsTheChartWithoutDrawingIt()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var first = await db.ImportAsync(Article("Frieren", 3, 4));

        db.Time.Advance(TimeSpan.FromMinutes(1));
        var edited = await db.ImportAsync(Article("Frieren", 3, 4, headline: "A new headline, the same scores"));

        Assert.Equal(ImportStatus.Updated, edited.Status);
        Assert.Equal(1, drawer.Count);
        Assert.NotNull(await StoredAsync(db, first.ReviewId!.Value, Scores(3, 4)));
        Assert.Equal(0, await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None));
        Assert.Equal(1, drawer.Count);
        Assert.Equal(await ContentHashAsync(db, first.ReviewId!.Value), await TextAsync(db, $"SELECT drawn_from FROM review_charts WHERE review_id = {first.ReviewId}"));
    }

    [Fact]
    public async Task Import_TwoEditsInOneTick_TheFirstOnesLateDrawingDoesNotReplaceTheSecondOnesChart()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var firstDrawing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        drawer.BeforeDraw = episodes =>
        {
            if (episodes[0].Score?.Value == 3)
            {
                firstDrawing.TrySetResult();
                release.Wait(TimeSpan.FromSeconds(30));
            }
        };

        // Both imports within one tick of the clock: the review's updated_at is the same for both versions.
        var first = Task.Run(() => db.ImportAsync(Article("Frieren", 3, 4)));
        await firstDrawing.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = await db.ImportAsync(Article("Frieren", 1, 1));
        release.Set();
        var firstResult = await first;

        Assert.Equal((ImportStatus.Updated, firstResult.ReviewId), (second.Status, second.ReviewId));
        var id = second.ReviewId!.Value;
        Assert.Null(await StoredAsync(db, id, Scores(3, 4)));
        Assert.Equal(CountingChartDrawer.ImageOf(Scores(1, 1)), (await StoredAsync(db, id, Scores(1, 1)))?.Png);
    }

    [Fact]
    public async Task Backfill_AChartDrawnFromAnotherVersionOfTheReview_IsDrawnAgain()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var id = (await db.ImportAsync(Article("Frieren", 3, 4))).ReviewId!.Value;
        // The review changed without its chart following (a writer that does not draw charts, or a
        // drawing of an older version that landed last): other scores, another content hash, the old chart row.
        await using (var connection = await db.OpenAsync())
        await using (var edit = connection.CreateCommand())
        {
            edit.CommandText = $"UPDATE episodes SET score = 1 WHERE review_id = {id}; UPDATE reviews SET content_hash = 'edited elsewhere' WHERE id = {id}";
            await edit.ExecuteNonQueryAsync();
        }

        var first = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);
        var second = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal((1, 0), (first, second));
        Assert.Null(await StoredAsync(db, id, Scores(3, 4)));
        Assert.Equal(CountingChartDrawer.ImageOf(Scores(1, 1)), (await StoredAsync(db, id, Scores(1, 1)))?.Png);
    }

    [Fact]
    public async Task Import_WhenDrawingFails_StoresTheReviewAndTheBackfillDrawsItsChart()
    {
        var drawer = new CountingChartDrawer { Fail = true };
        await using var db = await CreateAsync(drawer);

        var imported = await db.ImportAsync(Article("Frieren", 3, 4));

        Assert.Equal(ImportStatus.Created, imported.Status);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM episodes"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts"));

        drawer.Fail = false;
        var drawn = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal(1, drawn);
        Assert.NotNull(await StoredAsync(db, imported.ReviewId!.Value, Scores(3, 4)));
    }

    [Fact]
    public async Task Backfill_DrawsTheMissingChartsNewestFirst_AndASecondPassDrawsNothing()
    {
        var drawer = new CountingChartDrawer { Fail = true };
        await using var db = await CreateAsync(drawer);
        var ids = new List<long>();
        foreach (var (show, score) in new[] { ("Alpha", 1), ("Bravo", 2), ("Charlie", 3) })
        {
            db.Time.Advance(TimeSpan.FromHours(1));
            ids.Add((await db.ImportAsync(Article(show, score, 4), sourceKey: show + ".txt")).ReviewId!.Value);
        }

        var unscored = await db.ImportAsync(Article("Delta", null, null), sourceKey: "delta.txt");
        drawer.Fail = false;

        var first = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);
        var second = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal((3, 0), (first, second));
        Assert.Equal([3.0, 2.0, 1.0], drawer.Drawn.Select(episodes => episodes[0].Score!.Value));
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM review_charts WHERE review_id = {unscored.ReviewId}"));
    }

    [Fact]
    public async Task Backfill_TwoPassesAtOnce_StoreOneChartPerReview()
    {
        var drawer = new CountingChartDrawer { Fail = true };
        await using var db = await CreateAsync(drawer);
        var ids = new List<long>();
        for (var i = 0; i < 6; i++)
        {
            db.Time.Advance(TimeSpan.FromMinutes(1));
            ids.Add((await db.ImportAsync(Article($"Show {i}", 1 + (i % 5), 4), sourceKey: $"show-{i}.txt")).ReviewId!.Value);
        }

        drawer.Fail = false;
        var backfill = db.Get<ChartBackfill>();

        var passes = await Task.WhenAll(Task.Run(() => backfill.RunPassAsync(CancellationToken.None)), Task.Run(() => backfill.RunPassAsync(CancellationToken.None)));

        Assert.InRange(passes.Sum(), 6, 12);
        Assert.Equal(6, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts"));
        foreach (var id in ids)
        {
            Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM review_charts WHERE review_id = {id}"));
        }
    }

    [Fact]
    public async Task Save_OfAVersionTheReviewNoLongerHas_StoresNothing()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var imported = await db.ImportAsync(Article("Frieren", 3, 4));
        var drawnFrom = await ContentHashAsync(db, imported.ReviewId!.Value);
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(Article("Frieren", 1, 1));

        // A slow drawing of the first version finishing after the edit's own chart was stored.
        var saved = await db.Get<ReviewChartStore>().SaveAsync(imported.ReviewId!.Value, drawnFrom, ChartKey.Of(Scores(3, 4)), [1, 2, 3], CancellationToken.None);

        Assert.False(saved);
        Assert.NotNull(await StoredAsync(db, imported.ReviewId!.Value, Scores(1, 1)));
    }

    [Fact]
    public async Task Save_OfAnEarlierVersionStoredInTheSameTick_StoresNothing()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var id = (await db.ImportAsync(Article("Frieren", 3, 4))).ReviewId!.Value;
        var drawnFrom = await ContentHashAsync(db, id);
        var updatedAt = await TextAsync(db, $"SELECT updated_at FROM reviews WHERE id = {id}");
        await db.ImportAsync(Article("Frieren", 1, 1));
        Assert.Equal(updatedAt, await TextAsync(db, $"SELECT updated_at FROM reviews WHERE id = {id}"));

        var saved = await db.Get<ReviewChartStore>().SaveAsync(id, drawnFrom, ChartKey.Of(Scores(3, 4)), [1, 2, 3], CancellationToken.None);

        Assert.False(saved);
        Assert.Null(await StoredAsync(db, id, Scores(3, 4)));
        Assert.Equal(CountingChartDrawer.ImageOf(Scores(1, 1)), (await StoredAsync(db, id, Scores(1, 1)))?.Png);
    }

    [Fact]
    public async Task ReadRented_StoredChart_ReadsTheBytesFindReads()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var id = (await db.ImportAsync(Article("Frieren", 3, 4))).ReviewId!.Value;

        var (stored, png) = await db.Get<ReviewChartStore>().ReadRentedAsync(id, ChartKey.Of(Scores(3, 4)), CancellationToken.None);

        using (png)
        {
            Assert.True(stored);
            Assert.Equal(CountingChartDrawer.ImageOf(Scores(3, 4)), png!.Memory.ToArray());
        }
    }

    [Fact]
    public async Task ReadRented_ChartLargerThanAReadBuffer_ReadsEveryByte()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var id = (await db.ImportAsync(Article("Frieren", 3, 4))).ReviewId!.Value;
        var large = new byte[100_003];
        new Random(7).NextBytes(large);
        Assert.True(await db.Get<ReviewChartStore>().SaveAsync(id, await ContentHashAsync(db, id), ChartKey.Of(Scores(3, 4)), large, CancellationToken.None));

        var (stored, png) = await db.Get<ReviewChartStore>().ReadRentedAsync(id, ChartKey.Of(Scores(3, 4)), CancellationToken.None);

        using (png)
        {
            Assert.True(stored);
            Assert.True(png!.Memory.Span.SequenceEqual(large));
        }
    }

    [Fact]
    public async Task ReadRented_NoChartOfTheseScoresOrNothingDrawn_ReadsNoImage()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await CreateAsync(drawer);
        var id = (await db.ImportAsync(Article("Frieren", 3, 4))).ReviewId!.Value;
        var charts = db.Get<ReviewChartStore>();

        var otherScores = await charts.ReadRentedAsync(id, ChartKey.Of(Scores(1, 1)), CancellationToken.None);
        Assert.True(await charts.SaveAsync(id, await ContentHashAsync(db, id), ChartKey.Of(Scores(3, 4)), null, CancellationToken.None));
        var nothingDrawn = await charts.ReadRentedAsync(id, ChartKey.Of(Scores(3, 4)), CancellationToken.None);

        Assert.Equal((false, null), otherScores);
        Assert.Equal((true, null), nothingDrawn);
    }

    internal static Task<TestDatabase> CreateAsync(StorageProvider provider, CountingChartDrawer drawer, bool migrate = true) =>
        TestDatabase.CreateAsync(provider, services => services.AddSingleton<IReviewChartDrawer>(drawer), migrate: migrate);

    internal static string Article(string show, int? first, int? second, string headline = "A season") =>
        $"{show} Season 1 Review – {headline}\n\nEpisode Guide\nEpisode 1: Pilot{Score(first)}\nEpisode 2: Second{Score(second)}\n\n"
        + "Some prose about the show. It was fine.\n\nVerdict - 6/10\n";

    internal static IReadOnlyList<EpisodeEntry> Scores(double first, double second) =>
        [new(1, "Pilot", new Score(first, 5)), new(2, "Second", new Score(second, 5))];

    internal static Task<StoredChart?> StoredAsync(TestDatabase db, long reviewId, IReadOnlyList<EpisodeEntry> episodes) =>
        db.Get<ReviewChartStore>().FindAsync(reviewId, ChartKey.Of(episodes), CancellationToken.None);

    internal static Task<string> ContentHashAsync(TestDatabase db, long reviewId) =>
        TextAsync(db, $"SELECT content_hash FROM reviews WHERE id = {reviewId}");

    private static async Task<string> TextAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private Task<TestDatabase> CreateAsync(CountingChartDrawer drawer) => CreateAsync(Provider, drawer);

    private static string Score(int? score) => score is { } s ? $" – {s}/5" : "";
}

public sealed class StoredChartTestsOnSqlite : StoredChartTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class StoredChartTestsOnPostgreSql : StoredChartTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
