using System.Text;
using Dapper;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>
/// Values an earlier build stored with a format character at an edge (a show title ending in a
/// zero-width space) are read as a build reads them now: the migration removes what a read leaves
/// out at a value's edges, and nothing else.
/// </summary>
public abstract class EdgeFormatCharacterMigrationTests
{
    private const string Migration = "0021_value_edge_format_characters.sql";

    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task MigrateAsync_ValuesWithAnEdgeFormatCharacter_ReadWithoutItAndKeepTheOneInside()
    {
        await using var db = await EarlierDatabaseAsync();
        await using (var connection = await db.OpenAsync())
        {
            // What an earlier release held: an edge character in a show title, a headline and an episode
            // title; one inside a show title, a headline and an episode title; a show title and a headline
            // of format characters only; and each review's stored /review answer.
            await connection.ExecuteAsync(
                "INSERT INTO shows (id, title, slug, title_key, created_at, updated_at) VALUES (@id, @title, @slug, @key, '2025-01-01', '2025-01-01')",
                new[]
                {
                    new { id = 7L, title = "Metallic Rouge\u200B", slug = "metallic-rouge", key = ShowTitleKey.From("Metallic Rouge") },
                    new { id = 8L, title = "Gin\u200Btama", slug = "gintama", key = ShowTitleKey.From("Gintama") },
                    new { id = 9L, title = "\u200B\u200B", slug = "show-9", key = "k9" },
                });
            await connection.ExecuteAsync(
                """
                INSERT INTO reviews (id, show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
                VALUES (@id, @showId, 1, @title, @headline, '', 'Body.', @sourceKey, 'h', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z')
                """,
                new[]
                {
                    new { id = 70L, showId = 7L, title = Review.TitleOf("Metallic Rouge\u200B", 1, "\u200BA sci-fi anime\u00AD"), headline = "\u200BA sci-fi anime\u00AD", sourceKey = "a.txt" },
                    new { id = 80L, showId = 8L, title = Review.TitleOf("Gin\u200Btama", 1, "Qui\u200Bet"), headline = "Qui\u200Bet", sourceKey = "b.txt" },
                    new { id = 90L, showId = 9L, title = Review.TitleOf("\u200B\u200B", 1, "\u200E"), headline = "\u200E", sourceKey = "c.txt" },
                });
            await connection.ExecuteAsync(
                "INSERT INTO episodes (review_id, number, title) VALUES (@reviewId, @number, @title)",
                new[]
                {
                    new { reviewId = 70L, number = 1L, title = "Crimson\u2060" },
                    new { reviewId = 70L, number = 2L, title = "Wan\u200Bder" },
                    new { reviewId = 80L, number = 1L, title = "\u202BTide\u202C" },
                });
            await connection.ExecuteAsync(
                """
                INSERT INTO review_answers (review_id, episode, content_hash, ratings, rating_sum, format, with_chart, message, built_at)
                VALUES (@reviewId, 0, 'h', 0, 0, 'f', 0, @message, '2025-01-01')
                """,
                new[] { new { reviewId = 70L, message = new byte[] { 1 } }, new { reviewId = 80L, message = new byte[] { 2 } } });
        }

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        Assert.Contains(Migration, applied);
        var shows = await db.Get<ShowStore>().GetAllAsync(CancellationToken.None);
        Assert.Equal(
            [(7L, "Metallic Rouge", "metallic-rouge"), (8L, "Gin\u200Btama", "gintama"), (9L, "\u200B\u200B", "show-9")],
            shows.Select(s => (s.Id, s.Title, s.Slug)).OrderBy(s => s.Id).ToList());
        var reviews = db.Get<ReviewStore>();
        var rouge = (await reviews.GetForShowAsync(7, 1, CancellationToken.None))!;
        Assert.Equal(("A sci-fi anime", Review.TitleOf("Metallic Rouge", 1, "A sci-fi anime")), (rouge.Headline, rouge.Title));
        Assert.Equal(["Crimson", "Wan\u200Bder"], rouge.Episodes.Select(e => e.Title).ToList());
        var gintama = (await reviews.GetForShowAsync(8, 1, CancellationToken.None))!;
        Assert.Equal(("Qui\u200Bet", Review.TitleOf("Gin\u200Btama", 1, "Qui\u200Bet")), (gintama.Headline, gintama.Title));
        Assert.Equal("\u202BTide\u202C", Assert.Single(gintama.Episodes).Title);
        var blank = (await reviews.GetForShowAsync(9, 1, CancellationToken.None))!;
        Assert.Equal(("", Review.TitleOf("\u200B\u200B", 1, "")), (blank.Headline, blank.Title));

        await using var read = await db.OpenAsync();
        // Keys are what an import matches a show by: unchanged, so the next import of either title finds its show.
        Assert.Equal(
            [ShowTitleKey.From("Metallic Rouge"), ShowTitleKey.From("Gintama"), "k9"],
            (await read.QueryAsync<string>("SELECT title_key FROM shows ORDER BY id")).ToList());
        // The answer rendered from the old text is gone, to be built again; the untouched review's is kept.
        Assert.Equal([80L], (await read.QueryAsync<long>("SELECT review_id FROM review_answers ORDER BY review_id")).ToList());
    }

    [Fact]
    public async Task MigrateAsync_ImportOfTheSameTitleAfterwards_UpdatesTheShowUnderItsSlug()
    {
        await using var db = await EarlierDatabaseAsync();
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO shows (id, title, slug, title_key, created_at, updated_at) VALUES (7, @title, 'metallic-rouge', @key, '2025-01-01', '2025-01-01')",
                new { title = "Metallic Rouge\u200B", key = ShowTitleKey.From("Metallic Rouge") });
        }

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var result = await db.ImportAsync(TestDatabase.SampleText);

        Assert.True(result.Succeeded, result.ToString());
        var show = Assert.Single(await db.Get<ShowStore>().GetAllAsync(CancellationToken.None));
        Assert.Equal((7L, "Metallic Rouge", "metallic-rouge"), (show.Id, show.Title, show.Slug));
    }

    /// <summary>
    /// Every Unicode scalar value but NUL, on both edges of a show title and inside it, beside a direction
    /// mark before and a tag character after: what the migration keeps is what a read of that title keeps
    /// (<see cref="TextLine.Shown"/> over the whole title, as <see cref="ReviewRules.CleanShowTitle"/> cuts it).
    /// </summary>
    [Fact]
    public async Task MigrateAsync_TitleWithEachCodePointAtItsEdges_KeepsExactlyWhatAReadKeeps()
    {
        await using var db = await EarlierDatabaseAsync();
        await using (var connection = await db.OpenAsync())
        {
            // c, RLM, c, "a", c, "b", c, TAG LATIN CAPITAL A, c: nine characters. Made by the database itself,
            // since a million parameters would take minutes.
            await connection.ExecuteAsync(Provider == StorageProvider.Sqlite
                ? """
                  WITH RECURSIVE n(v) AS (SELECT 1 UNION ALL SELECT v + 1 FROM n WHERE v < 1114111)
                  INSERT INTO shows (id, title, slug, title_key, created_at, updated_at)
                  SELECT v, char(v, 0x200F, v, 0x61, v, 0x62, v, 0xE0041, v), 'cp-' || v, 'k' || v, '2025-01-01', '2025-01-01'
                  FROM n WHERE v NOT BETWEEN 55296 AND 57343
                  """
                : """
                  INSERT INTO shows (id, title, slug, title_key, created_at, updated_at)
                  SELECT v, chr(v) || chr(8207) || chr(v) || 'a' || chr(v) || 'b' || chr(v) || chr(917569) || chr(v), 'cp-' || v, 'k' || v, '2025-01-01', '2025-01-01'
                  FROM generate_series(1, 1114111) AS v WHERE v NOT BETWEEN 55296 AND 57343
                  """);
        }

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        await using var read = await db.OpenAsync();
        var changed = (await read.QueryAsync<(long Id, string Title)>("SELECT id, title FROM shows WHERE length(title) <> 9 ORDER BY id"))
            .Select(r => $"U+{r.Id:X4} {Hex(r.Title)}").ToList();
        var expected = new List<string>();
        for (var v = 1; v <= 0x10FFFF; v++)
        {
            if (!Rune.IsValid(v))
            {
                continue;
            }

            var c = new Rune(v).ToString();
            var title = $"{c}\u200F{c}a{c}b{c}\U000E0041{c}";
            var line = TextLine.From(title);
            var shown = line.Shown(0, line.Plain.Length);
            if (shown != title)
            {
                expected.Add($"U+{v:X4} {Hex(shown)}");
            }
        }

        Assert.NotEmpty(expected);
        Assert.Equal(expected, changed);
    }

    private async Task<TestDatabase> EarlierDatabaseAsync()
    {
        var db = await TestDatabase.CreateAsync(Provider, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(Provider, db.ConnectionString, "0021");
        return db;
    }

    private static string Hex(string text) => string.Join(' ', text.EnumerateRunes().Select(r => $"{r.Value:X4}"));
}

public sealed class EdgeFormatCharacterMigrationTestsOnSqlite : EdgeFormatCharacterMigrationTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class EdgeFormatCharacterMigrationTestsOnPostgreSql : EdgeFormatCharacterMigrationTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
