using ReviewBot.Core.Storage;
using ReviewBot.Core.Answers;

namespace ReviewBot.Core.Tests.Answers;

public abstract class LookupQueryTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Theory]
    [InlineData("\"foo\" OR bar*")]
    [InlineData("NEAR(")]
    [InlineData("title:rouge ^start -minus \"unbalanced")]
    [InlineData("\"\"\"")]
    [InlineData("   ")]
    public async Task SearchAsync_HostileInput_DoesNotThrow(string text)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var hits = await db.Get<SearchQuery>().SearchAsync(text, 10, CancellationToken.None);

        Assert.NotNull(hits);
    }

    [Fact]
    public async Task SearchAsync_WordsFromBodyAndShowTitle_FindsReview()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);

        var hits = await db.Get<SearchQuery>().SearchAsync("looney rouge", 10, CancellationToken.None);

        var hit = Assert.Single(hits);
        Assert.Equal("metallic-rouge", hit.Show.Slug);
        Assert.Equal(new ReviewBot.Core.Reviews.Score(6, 10), hit.Verdict);
    }

    [Fact]
    public async Task SearchAsync_AsterisksInTheText_AreTextAndOnlyTheMatchIsMarked()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText.Replace("Looney Tunes", "**Looney** Tunes zeppelin", StringComparison.Ordinal));

        var hit = Assert.Single(await db.Get<SearchQuery>().SearchAsync("zeppelin", 10, CancellationToken.None));

        var parts = hit.SnippetParts();
        Assert.Equal("zeppelin", Assert.Single(parts, p => p.IsMatch).Text, ignoreCase: true);
        Assert.Contains(parts, p => !p.IsMatch && p.Text.Contains("**Looney** Tunes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SearchAsync_AfterUpdate_IndexFollowsTheNewText()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(TestDatabase.SampleText.Replace("Looney Tunes", "Merrie Melodies", StringComparison.Ordinal));

        Assert.Empty(await db.Get<SearchQuery>().SearchAsync("looney", 10, CancellationToken.None));
        Assert.Single(await db.Get<SearchQuery>().SearchAsync("merrie", 10, CancellationToken.None));
    }

    [Fact]
    public void ToMatchExpression_QuotesEveryTokenAndDoublesQuotes()
    {
        Assert.Equal("\"\"\"foo\"\"\" \"OR\" \"bar*\"", SearchQuery.ToMatchExpression("\"foo\" OR bar*"));
    }

    [Fact]
    public async Task SuggestAsync_PrefixAndTypo_PrefixMatchesFirstThenFuzzy()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(AnswerTestData.Review("Metal Family", 1, 2), "mf.txt");
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "f.txt");
        var suggester = db.Get<ShowTitleSuggester>();

        var prefix = await suggester.SuggestAsync("meta", ShowTitleSuggester.MaxLimit, CancellationToken.None);
        var typo = await suggester.SuggestAsync("metalic rouge", ShowTitleSuggester.MaxLimit, CancellationToken.None);

        Assert.Equal(["Metal Family", "Metallic Rouge"], prefix.Select(s => s.Title));
        Assert.Equal("Metallic Rouge", typo[0].Title);
    }

    [Fact]
    public async Task SuggestAsync_NewShowImported_AppearsAtOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        var suggester = db.Get<ShowTitleSuggester>();
        Assert.Empty(await suggester.SuggestAsync("fri", 5, CancellationToken.None));

        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "f.txt");

        Assert.Equal("Frieren", Assert.Single(await suggester.SuggestAsync("fri", 5, CancellationToken.None)).Title);
    }

    [Fact]
    public async Task GetLatestAsync_MostRecentFirst()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText);
        db.Time.Advance(TimeSpan.FromDays(1));
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "f.txt");

        var latest = await db.Get<LatestQuery>().GetLatestAsync(10, CancellationToken.None);

        Assert.Equal(["frieren", "metallic-rouge"], latest.Select(r => r.Show.Slug));
    }
}

public sealed class LookupQueryTestsOnSqlite : LookupQueryTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class LookupQueryTestsOnPostgreSql : LookupQueryTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
