using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Tests.Answers;

namespace ReviewBot.Core.Tests.ShowSearch;

/// <summary>
/// A show named exactly is found in the database before the index exists, with the index's answer;
/// whenever the database alone cannot be sure, the index answers.
/// </summary>
public abstract class ExactShowLookupTests
{
    /// <summary>Titles whose slugs collide, fold, or lose letters, beside plain ones.</summary>
    private static readonly string[] Titles =
    [
        "Gintama", "Gintama'", "Frieren: Beyond Journey’s End", "Re:Zero", "Re Zero", "進撃の巨人",
        "Pokémon", "Dr. Stone", "Mob Psycho 100", "86", "Spy x Family",
    ];

    protected abstract StorageProvider Provider { get; }

    [Theory]
    [InlineData("metallic-rouge")]
    [InlineData("Metallic Rouge")]
    [InlineData("METALLIC-ROUGE")]
    [InlineData("  metallic rouge  ")]
    [InlineData("metallic_rouge!")]
    public async Task ResolveAsync_ShowNamedExactly_AnsweredWithoutBuildingTheIndex(string typed)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Metallic Rouge Zero", 1, 2), "zero.txt");

        var (show, suggestions) = await db.Get<ShowResolver>().ResolveAsync(typed, CancellationToken.None);

        Assert.Equal("metallic-rouge", show?.Slug);
        Assert.Empty(suggestions);
        Assert.False(db.Get<ShowTitleIndex>().IsBuilt);
    }

    [Fact]
    public async Task ResolveAsync_NoShowNamedSo_BuildsTheIndexForSuggestions()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var (show, suggestions) = await db.Get<ShowResolver>().ResolveAsync("metalic roug", CancellationToken.None);

        Assert.Null(show);
        Assert.Equal("metallic-rouge", Assert.Single(suggestions).Slug);
        Assert.True(db.Get<ShowTitleIndex>().IsBuilt);
    }

    [Fact]
    public async Task FindAsync_EveryTitleSlugAndVariant_SameShowAsTheIndex()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        foreach (var title in Titles)
        {
            await db.ImportAsync(AnswerTestData.Review(title, 1, 2), title + ".txt");
        }

        var index = await db.Get<ShowTitleIndex>().GetAsync(CancellationToken.None);
        var lookup = db.Get<ExactShowLookup>();
        var queries = index.Shows
            .SelectMany(s => new[] { s.Title, s.Slug, s.Title.ToUpperInvariant(), s.Slug.ToUpperInvariant(), " " + s.Title + " ", s.Title.Replace(' ', '-') })
            .Concat(["gintama-", "re-zero", "rezero", "frieren", "pokemon", "POKÉMON", "spy-x-family", "", "   ", "no such show"])
            .ToList();
        var answered = 0;
        foreach (var query in queries)
        {
            var typed = new ShowQuery(query);
            var expected = index.FindExact(typed);
            var found = await lookup.FindAsync(typed, CancellationToken.None);
            if (found is not null)
            {
                answered++;
                Assert.True(expected == found, $"\"{query}\": the database found {found}, the index {expected}");
            }
            else if (expected is not null && query.All(char.IsAscii))
            {
                Assert.Fail($"\"{query}\": the index found {expected}, the database nothing, though every row is regular and the text ASCII");
            }
        }

        // Every slug as stored, at least, is answered without the index.
        Assert.True(answered >= index.Count, $"{answered} of {queries.Count} answered");
    }

    [Fact]
    public async Task FindAsync_ShowWithoutTitleKey_LeavesItToTheIndex()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        // As stored before migrations/0005_show_title_key.sql: found by its title through the index only.
        await ExecuteAsync(db, "INSERT INTO shows (title, slug, created_at, updated_at) VALUES ('Frieren', 'frieren', '2026-01-01', '2026-01-01')");

        Assert.Null(await db.Get<ExactShowLookup>().FindAsync(new ShowQuery("metallic-rouge"), CancellationToken.None));
        var (show, _) = await db.Get<ShowResolver>().ResolveAsync("FRIEREN", CancellationToken.None);
        Assert.Equal("frieren", show?.Slug);
        Assert.True(db.Get<ShowTitleIndex>().IsBuilt);
    }

    [Fact]
    public async Task FindAsync_SlugEditedByHand_LeavesItToTheIndex()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Astra", 1, 2), "a.txt");
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "f.txt");
        // Equal to "frieren" ignoring case, and loaded before it (shows load ordered by title): the index picks this one.
        await ExecuteAsync(db, "UPDATE shows SET slug = 'FRIEREN' WHERE slug = 'astra'");

        Assert.Null(await db.Get<ExactShowLookup>().FindAsync(new ShowQuery("frieren"), CancellationToken.None));
        var (show, _) = await db.Get<ShowResolver>().ResolveAsync("frieren", CancellationToken.None);
        var index = await db.Get<ShowTitleIndex>().GetAsync(CancellationToken.None);
        Assert.Equal(index.FindExact("frieren"), show);
        Assert.Equal("FRIEREN", show?.Slug);
    }

    [Fact]
    public async Task FindAsync_NonAsciiText_LeavesItToTheIndex()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Pokémon", 1, 2), "p.txt");

        Assert.Null(await db.Get<ExactShowLookup>().FindAsync(new ShowQuery("Pokémon"), CancellationToken.None));
        Assert.Equal("pokemon", (await db.Get<ShowResolver>().ResolveAsync("Pokémon", CancellationToken.None)).Show?.Slug);
    }

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class ExactShowLookupTestsOnSqlite : ExactShowLookupTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    [Fact]
    public async Task IrregularRowsCheck_ReadsTheIndexOfIrregularSlugs_NotEverySlug()
    {
        // Every cold lookup asks it first: reading every slug took about half a cold ask on 50,000 shows.
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + ExactShowLookup.SqliteIrregularRowsSql;
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }
        }

        Assert.Contains(plan, step => step.Contains("ix_shows_irregular_slug", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN shows", StringComparison.Ordinal) && !step.Contains("ix_shows_irregular_slug", StringComparison.Ordinal));
    }
}

public sealed class ExactShowLookupTestsOnPostgreSql : ExactShowLookupTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
