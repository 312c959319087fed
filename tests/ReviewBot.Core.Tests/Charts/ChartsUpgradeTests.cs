using ReviewBot.Core.Charts;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Tests.Storage;

namespace ReviewBot.Core.Tests.Charts;

public sealed class ChartsUpgradeTests
{
    [Fact]
    public async Task MigrateAsync_DatabaseFromBeforeCharts_UpgradesKeepsItsReviewsAndTheBackfillDrawsTheirCharts()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await StoredChartTests.CreateAsync(StorageProvider.Sqlite, drawer, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(db.ConnectionString, "0008");
        await using (var connection = await db.OpenAsync())
        await using (var insert = connection.CreateCommand())
        {
            // What the importer wrote before charts were stored: a review and its scored episodes, no chart.
            insert.CommandText =
                """
                INSERT INTO shows (id, title, slug, created_at, updated_at) VALUES (7, 'Frieren', 'frieren', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                INSERT INTO reviews (id, show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
                VALUES (70, 7, 1, 'Frieren Season 1 Review', 'Old', '', 'Old body.', 'old.txt', 'x', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                INSERT INTO episodes (review_id, number, title, score, scale) VALUES (70, 1, 'Pilot', 3, 5), (70, 2, 'Second', 4, 5);
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var drawn = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal(["0008_review_charts.sql"], applied.Where(name => name.StartsWith("0008", StringComparison.Ordinal)));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
        Assert.Equal(1, drawn);
        var stored = await StoredChartTests.StoredAsync(db, 70, StoredChartTests.Scores(3, 4));
        Assert.Equal(CountingChartDrawer.ImageOf(StoredChartTests.Scores(3, 4)), stored?.Png);
    }

    [Fact]
    public async Task MigrateAsync_ChartsFromBeforeTheirVersionWasRecorded_TheBackfillRedrawsOnlyThoseOfOtherScores()
    {
        var drawer = new CountingChartDrawer();
        await using var db = await StoredChartTests.CreateAsync(StorageProvider.Sqlite, drawer, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(db.ConnectionString, "0010");
        var current = StoredChartTests.Scores(3, 4);
        var stale = StoredChartTests.Scores(1, 1);
        await using (var connection = await db.OpenAsync())
        await using (var insert = connection.CreateCommand())
        {
            // Review 70's chart shows its scores; review 71's shows scores it had before a change that
            // left the chart behind. Neither row says which version it was drawn for.
            insert.CommandText =
                $"""
                INSERT INTO shows (id, title, slug, created_at, updated_at) VALUES (7, 'Frieren', 'frieren', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                INSERT INTO reviews (id, show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
                VALUES (70, 7, 1, 'Frieren Season 1 Review', 'Old', '', 'Old body.', 'a.txt', 'hash-70', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z'),
                       (71, 7, 2, 'Frieren Season 2 Review', 'Old', '', 'Old body.', 'b.txt', 'hash-71', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                INSERT INTO episodes (review_id, number, title, score, scale) VALUES (70, 1, 'Pilot', 3, 5), (70, 2, 'Second', 4, 5), (71, 1, 'Pilot', 3, 5), (71, 2, 'Second', 4, 5);
                INSERT INTO review_charts (review_id, scores_key, png, drawn_at)
                VALUES (70, '{ChartKey.Of(current)}', x'01', '2025-01-01T00:00:00.0000000Z'), (71, '{ChartKey.Of(stale)}', x'02', '2025-01-01T00:00:00.0000000Z');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var first = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);
        var second = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal(["0010_review_chart_drawn_from.sql"], applied.Where(name => name.StartsWith("0010", StringComparison.Ordinal)));
        Assert.Equal((1, 0), (first, second));
        Assert.Equal([current], drawer.Drawn);
        Assert.Equal([1], (await StoredChartTests.StoredAsync(db, 70, current))?.Png);
        Assert.Equal(CountingChartDrawer.ImageOf(current), (await StoredChartTests.StoredAsync(db, 71, current))?.Png);
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts WHERE drawn_from = 'hash-' || review_id"));
    }

    [Fact]
    public async Task MigrateAsync_ChartsDrawnBeforeLabelsWereSpacedAndZeroHadABar_TheBackfillRedrawsOnlyThoseThatShowedEither()
    {
        // A season of more than 20 episodes, or numbered from 100 on, could have its episode numbers run
        // together in a chart drawn before, and one with a 0 score showed no bar for it: such charts are
        // drawn again, other seasons' are kept.
        var drawer = new CountingChartDrawer();
        await using var db = await StoredChartTests.CreateAsync(StorageProvider.Sqlite, drawer, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(db.ConnectionString, "0024");
        var shortSeason = StoredChartTests.Scores(3, 4);
        await using (var connection = await db.OpenAsync())
        await using (var insert = connection.CreateCommand())
        {
            var episodes = string.Join(", ", Enumerable.Range(1, 21).Select(n => $"(71, {n}, 'E{n}', 3, 5)"));
            insert.CommandText =
                $"""
                INSERT INTO shows (id, title, slug, created_at, updated_at) VALUES (7, 'Frieren', 'frieren', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                INSERT INTO reviews (id, show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
                VALUES (70, 7, 1, 'Frieren Season 1 Review', 'Old', '', 'Old body.', 'a.txt', 'hash-70', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z'),
                       (71, 7, 2, 'Frieren Season 2 Review', 'Old', '', 'Old body.', 'b.txt', 'hash-71', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z'),
                       (72, 7, 3, 'Frieren Season 3 Review', 'Old', '', 'Old body.', 'c.txt', 'hash-72', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z'),
                       (73, 7, 4, 'Frieren Season 4 Review', 'Old', '', 'Old body.', 'd.txt', 'hash-73', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z');
                INSERT INTO episodes (review_id, number, title, score, scale) VALUES (70, 1, 'Pilot', 3, 5), (70, 2, 'Second', 4, 5), (72, 99, 'Late', 3, 5), (72, 100, 'Later', 4, 5), (73, 1, 'Zero', 0, 5), (73, 2, 'Four', 4, 5), {episodes};
                INSERT INTO review_charts (review_id, scores_key, png, drawn_at, drawn_from)
                VALUES (70, '{ChartKey.Of(shortSeason)}', x'01', '2025-01-01T00:00:00.0000000Z', 'hash-70'),
                       (71, 'key-71', x'02', '2025-01-01T00:00:00.0000000Z', 'hash-71'),
                       (72, 'key-72', x'03', '2025-01-01T00:00:00.0000000Z', 'hash-72'),
                       (73, 'key-73', x'04', '2025-01-01T00:00:00.0000000Z', 'hash-73');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var drawn = await db.Get<ChartBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal(3, drawn);
        Assert.Equal([1], (await StoredChartTests.StoredAsync(db, 70, shortSeason))?.Png);
        Assert.Equal(4, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts WHERE drawn_from = 'hash-' || review_id"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM review_charts WHERE review_id IN (71, 72, 73) AND length(png) = 1"));
    }
}
