using ReviewBot.Core.Answers;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Tests.Storage;

namespace ReviewBot.Core.Tests.Import;

/// <summary>
/// Different shows stay different shows with their own stable slug, whatever their titles share;
/// the same show and season is still an update.
/// </summary>
public sealed class ShowIdentityTests
{
    [Theory]
    [InlineData("Gintama", "Gintama'")]
    [InlineData("Steins;Gate", "Steins Gate")]
    [InlineData("Re:Zero", "Re Zero!")]
    public async Task ImportAsync_TitlesDifferingOnlyInPunctuation_StayTwoShowsWithTheirOwnReviews(string first, string second)
    {
        await using var db = await TestDatabase.CreateAsync();

        var a = await db.ImportAsync(Article(first, "The first show"), sourceKey: "a.txt");
        var b = await db.ImportAsync(Article(second, "The second show"), sourceKey: "b.txt");

        Assert.Equal((ImportStatus.Created, ImportStatus.Created), (a.Status, b.Status));
        Assert.NotEqual(a.ShowSlug, b.ShowSlug);
        Assert.NotEqual(a.ReviewId, b.ReviewId);
        var reviews = db.Get<ReviewStore>();
        var shows = (await db.Get<ShowStore>().GetAllAsync(CancellationToken.None)).ToDictionary(s => s.Title);
        Assert.Equal("The first show", (await reviews.GetForShowAsync(shows[first].Id, 1, CancellationToken.None))!.Headline);
        Assert.Equal("The second show", (await reviews.GetForShowAsync(shows[second].Id, 1, CancellationToken.None))!.Headline);
    }

    [Fact]
    public async Task ImportAsync_TitlesEqualInTheirFirstEightySlugCharacters_StayTwoShows()
    {
        await using var db = await TestDatabase.CreateAsync();
        var common = string.Join(' ', Enumerable.Repeat("Long Title", 9));

        var a = await db.ImportAsync(Article(common + " Part One", "One"), sourceKey: "a.txt");
        var b = await db.ImportAsync(Article(common + " Part Two", "Two"), sourceKey: "b.txt");

        Assert.Equal((ImportStatus.Created, ImportStatus.Created), (a.Status, b.Status));
        Assert.NotEqual(a.ShowSlug, b.ShowSlug);
        Assert.InRange(b.ShowSlug!.Length, 1, 80);
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task ImportAsync_SameShowInAnotherCaseAndTypography_UpdatesItsReview()
    {
        await using var db = await TestDatabase.CreateAsync();
        var a = await db.ImportAsync(Article("Frieren: Beyond Journey's End", "First"), sourceKey: "a.txt");

        var b = await db.ImportAsync(Article("FRIEREN:  Beyond Journey’s End", "Second"), sourceKey: "feed:guid-1");

        Assert.Equal(ImportStatus.Updated, b.Status);
        Assert.Equal(a.ReviewId, b.ReviewId);
        Assert.Equal(a.ShowSlug, b.ShowSlug);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    /// <summary>
    /// A plain article's "Frieren Season 2 Review" is the show Frieren; the same words in Markdown's
    /// show field named a second show, "Frieren Season 2", with a slug and answers of its own.
    /// </summary>
    [Theory]
    [InlineData("Frieren Season 2")]
    [InlineData("Frieren: Season 2")]
    [InlineData("\"Frieren – Season 02\"")]
    public async Task ImportAsync_MarkdownShowFieldEndingInItsSeason_IsTheShowThePlainArticleNames(string field)
    {
        await using var db = await TestDatabase.CreateAsync();
        var plain = await db.ImportAsync(Article("Frieren", "First"), sourceKey: "a.txt");

        var markdown = await db.ImportAsync(
            $"---\nshow: {field}\nseason: 2\n---\n## Episode Guide\n- Episode 1: Pilot – 3/5\n## Review\nSome prose.\n", sourceKey: "b.md");

        Assert.Equal((ImportStatus.Created, plain.ShowSlug), (markdown.Status, markdown.ShowSlug));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Theory]
    [InlineData("Frieren Season 3", "Season 3")]
    [InlineData("Frieren Season 2 Review – Quiet", "title line")]
    public async Task ImportAsync_MarkdownShowFieldNamingAnotherSeasonOrAWholeTitle_IsRefusedOnItsLine(string field, string expected)
    {
        await using var db = await TestDatabase.CreateAsync();

        var result = await db.ImportAsync($"---\nshow: {field}\nseason: 2\n---\n## Episode Guide\n- Episode 1: Pilot – 3/5\n## Review\nSome prose.\n", sourceKey: "b.md");

        Assert.Equal((ImportStatus.Rejected, 2), (result.Status, result.Line));
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    [Fact]
    public async Task ImportAsync_SourceNowNamesAnotherShow_IsRefusedAndTheFirstReviewKept()
    {
        await using var db = await TestDatabase.CreateAsync();
        var a = await db.ImportAsync(Article("Gintama", "The first show"), sourceKey: "inbox/review.txt");

        var b = await db.ImportAsync(Article("Naruto", "A different show"), sourceKey: "inbox/review.txt");

        Assert.Equal(ImportStatus.Rejected, b.Status);
        Assert.Contains("Gintama", b.Error, StringComparison.Ordinal);
        var kept = (await db.Get<ReviewStore>().GetLatestAsync(10, CancellationToken.None)).Single();
        Assert.Equal((a.ReviewId, "Gintama", "The first show"), (kept.Id, kept.Show.Title, kept.Headline));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    [Fact]
    public async Task Lookup_CollidingTitles_AutocompleteOffersDistinctSlugsAndReviewResolvesEach()
    {
        await using var db = await TestDatabase.CreateAsync();
        var a = await db.ImportAsync(Article("Gintama", "One"), sourceKey: "a.txt");
        var b = await db.ImportAsync(Article("Gintama'", "Two"), sourceKey: "b.txt");
        var resolver = db.Get<ShowResolver>();

        var offered = await db.Get<ShowTitleSuggester>().SuggestAsync("Gintama", 25, CancellationToken.None);

        Assert.Equal([a.ShowSlug, b.ShowSlug], offered.Select(s => s.Slug).Order(StringComparer.Ordinal));
        Assert.Equal("Gintama", (await resolver.ResolveAsync(a.ShowSlug!, CancellationToken.None)).Show?.Title);
        Assert.Equal("Gintama'", (await resolver.ResolveAsync(b.ShowSlug!, CancellationToken.None)).Show?.Title);
        Assert.Equal("Gintama'", (await resolver.ResolveAsync("Gintama'", CancellationToken.None)).Show?.Title);
        Assert.Equal("Gintama", (await resolver.ResolveAsync("gintama", CancellationToken.None)).Show?.Title);
    }

    [Fact]
    public async Task MigrateAsync_DatabaseFromTheEarlierSchema_UpgradesAndKeepsItsShows()
    {
        await using var db = await TestDatabase.CreateAsync(migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(db.ConnectionString, "0005");
        await using (var connection = await db.OpenAsync())
        await using (var insert = connection.CreateCommand())
        {
            // What the earlier importer wrote: a show identified by its slug alone.
            insert.CommandText =
                """
                INSERT INTO shows (id, title, slug, created_at, updated_at) VALUES (7, 'Gintama', 'gintama', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                INSERT INTO reviews (show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
                VALUES (7, 1, 'Gintama Season 1 Review', 'Old', '', 'Old body.', 'old.txt', 'x', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
                """;
            await insert.ExecuteNonQueryAsync();
        }

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var other = await db.ImportAsync(Article("Gintama'", "Another show"), sourceKey: "b.txt");
        var same = await db.ImportAsync(Article("gintama", "Same show"), sourceKey: "c.txt");

        Assert.NotEmpty(applied);
        Assert.Equal(ImportStatus.Created, other.Status);
        Assert.NotEqual("gintama", other.ShowSlug);
        Assert.Equal((ImportStatus.Updated, "gintama"), (same.Status, same.ShowSlug));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task ImportAsync_KeylessShowWithAHashedSlug_IsFoundByItsTitleNotDuplicated()
    {
        await using var db = await TestDatabase.CreateAsync();
        var plain = await db.ImportAsync(Article("Gintama", "One"), sourceKey: "a.txt");
        var other = await db.ImportAsync(Article("Gintama'", "Two"), sourceKey: "b.txt");
        // A keyless row (its key cleared, or stored before keys) whose plain slug another show holds.
        await using (var connection = await db.OpenAsync())
        await using (var clear = connection.CreateCommand())
        {
            clear.CommandText = "UPDATE shows SET title_key = NULL WHERE title = 'Gintama'''";
            await clear.ExecuteNonQueryAsync();
        }

        var again = await db.ImportAsync(Article("GINTAMA'", "Three"), sourceKey: "c.txt");

        Assert.Equal((ImportStatus.Updated, other.ReviewId, other.ShowSlug), (again.Status, again.ReviewId, again.ShowSlug));
        Assert.NotEqual(plain.ShowSlug, again.ShowSlug);
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM shows WHERE title_key IS NULL"));
    }

    private static string Article(string show, string headline) =>
        $"{show} Season 1 Review – {headline}\n\nEpisode Guide\nEpisode 1: Pilot – 3/5\n\nSome prose about the show. It was fine.\n\nVerdict - 6/10\n";
}
