using System.Data.Common;
using Dapper;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Tests.Answers;
using ReviewBot.Core.Tests.Storage;

namespace ReviewBot.Core.Tests.Import;

/// <summary>
/// A title that differs from a stored one only by invisible format characters (a zero-width space, a
/// soft hyphen, a bidi mark, a tag character) names the same show, whether the show was stored before
/// or after keys left those characters out.
/// </summary>
public abstract class InvisibleCharacterShowTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Theory]
    [InlineData("Frieren\u200B")]
    [InlineData("Fri\u00ADeren")]
    [InlineData("\u2060Frieren")]
    [InlineData("\uFEFFFrieren")]
    [InlineData("Frie\u200D\u200Cren")]
    [InlineData("\u202EFrieren\u202C")]
    [InlineData("Frieren\U000E0041\U000E007F")]
    public async Task ImportAsync_TitleThatLooksLikeAStoredOne_UpdatesThatShow(string lookAlike)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var first = await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "a.txt");

        var second = await db.ImportAsync(AnswerTestData.Review(lookAlike, 1, 3), "feed:guid-1");

        Assert.Equal((ImportStatus.Updated, first.ReviewId, first.ShowSlug), (second.Status, second.ReviewId, second.ShowSlug));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    [Fact]
    public async Task ImportAsync_PlainTitleAfterALookAlike_UpdatesTheLookAlikesShow()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        // Inside the word, where the parser keeps a format character as written.
        var first = await db.ImportAsync(AnswerTestData.Review("Fri\u2060eren", 1, 2), "a.txt");

        var second = await db.ImportAsync(AnswerTestData.Review("Frieren", 2, 2), "b.txt");

        Assert.Equal((ImportStatus.Created, first.ShowSlug), (second.Status, second.ShowSlug));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    [Fact]
    public async Task ResolveAsync_LookAlikeOfAStoredTitle_FindsTheShow()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 2), "a.txt");
        await db.ImportAsync(AnswerTestData.Review("Spy Fam\u00ADily", 1, 2), "b.txt");
        var resolver = db.Get<ShowResolver>();

        // The first asks go through the database, before the index is built; the last through the index.
        var cold = (await resolver.ResolveAsync("Frieren\u200B", CancellationToken.None)).Show;
        var plain = (await resolver.ResolveAsync("spy family", CancellationToken.None)).Show;
        var index = await db.Get<ShowTitleIndex>().GetAsync(CancellationToken.None);

        Assert.Equal("Frieren", cold?.Title);
        Assert.Equal("Spy Fam\u00ADily", plain?.Title);
        Assert.Equal("Frieren", index.FindExact("\u2066Frieren\u2069")?.Title);
        Assert.Equal("Frieren", (await resolver.ResolveAsync("FRIE\u200BREN", CancellationToken.None)).Show?.Title);
    }

    [Fact]
    public async Task MigrateAsync_ShowStoredWithAnInvisibleCharacter_IsUpdatedByTheNextImportOfItsTitle()
    {
        await using var db = await EarlierDatabaseAsync();
        // As the earlier key left it: the soft hyphen kept, and the slug with a hyphen for it.
        await InsertShowAsync(db, 7, "Fri\u00ADeren", "fri-eren", "fri\u00ADeren", "a.txt");

        var applied = await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var edited = await db.ImportAsync(AnswerTestData.Review("Fri\u00ADeren", 1, 3), "a.txt");
        var plain = await db.ImportAsync(AnswerTestData.Review("Frieren", 2, 2), "b.txt");

        Assert.Contains(applied, name => name.StartsWith("0014_", StringComparison.Ordinal));
        Assert.Equal((ImportStatus.Updated, 70L, "fri-eren"), (edited.Status, edited.ReviewId, edited.ShowSlug));
        Assert.Equal((ImportStatus.Created, "fri-eren"), (plain.Status, plain.ShowSlug));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM shows WHERE title_key IS NULL"));
    }

    [Fact]
    public async Task MigrateAsync_StoredLookAlikeWithAHashedSlug_IsFoundByItsTitle()
    {
        await using var db = await EarlierDatabaseAsync();
        // "Re:Zero" held the plain slug, so the look-alike "Re Zero" got a hashed one.
        await InsertShowAsync(db, 7, "Re:Zero", "re-zero", "re:zero", "a.txt");
        await InsertShowAsync(db, 8, "Re Zero\u200B", Slug.Disambiguated("re-zero", "re zero\u200B", 6), "re zero\u200B", "b.txt");

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var edited = await db.ImportAsync(AnswerTestData.Review("Re Zero\u200B", 1, 3), "b.txt");
        var plain = await db.ImportAsync(AnswerTestData.Review("Re Zero", 2, 2), "c.txt");

        Assert.Equal((ImportStatus.Updated, 80L), (edited.Status, edited.ReviewId));
        Assert.Equal((ImportStatus.Created, edited.ShowSlug), (plain.Status, plain.ShowSlug));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    [Fact]
    public async Task MigrateAsync_TwoStoredLookAlikes_TheFirstKeyedKeepsTheTitleAndImportsGoOn()
    {
        await using var db = await EarlierDatabaseAsync();
        await InsertShowAsync(db, 7, "Frieren", "frieren", "frieren", "a.txt");
        await InsertShowAsync(db, 8, "Frieren\u200B", Slug.Disambiguated("frieren", "frieren\u200B", 6), "frieren\u200B", "b.txt");

        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        var lookAlike = await db.ImportAsync(AnswerTestData.Review("Frieren\u200B", 2, 2), "c.txt");
        var plain = await db.ImportAsync(AnswerTestData.Review("Frieren", 1, 3), "a.txt");
        var again = await db.ImportAsync(AnswerTestData.Review("Frieren\u2060", 3, 2), "d.txt");

        Assert.Equal((ImportStatus.Created, "frieren"), (lookAlike.Status, lookAlike.ShowSlug));
        Assert.Equal((ImportStatus.Updated, 70L), (plain.Status, plain.ReviewId));
        Assert.Equal((ImportStatus.Created, "frieren"), (again.Status, again.ShowSlug));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows WHERE title_key IS NULL"));
    }

    [Fact]
    public async Task ImportAsync_EditOfTheKeylessLookAlikesOwnReview_UpdatesItInPlace()
    {
        await using var db = await EarlierDatabaseAsync();
        await InsertShowAsync(db, 7, "Frieren", "frieren", "frieren", "a.txt");
        await InsertShowAsync(db, 8, "Fri\u00ADeren", "fri-eren", "fri\u00ADeren", "b.txt");
        await db.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        var edited = await db.ImportAsync(AnswerTestData.Review("Fri\u00ADeren", 1, 3), "b.txt");

        Assert.Equal((ImportStatus.Updated, 80L, "fri-eren"), (edited.Status, edited.ReviewId, edited.ShowSlug));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM episodes WHERE review_id = 80"));
    }

    [Fact]
    public async Task ImportAsync_TwoUnkeyedLookAlikes_TheFirstStoredTakesTheKey()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        // Neither has a key yet (as a database from before keys, or after the migration that cleared them).
        await InsertShowAsync(db, 7, "Frieren\u200B", "frieren", null, "a.txt");
        await InsertShowAsync(db, 8, "Frieren\u2060", "frieren-0a1b2c", null, "b.txt");

        var first = await db.ImportAsync(AnswerTestData.Review("Frieren", 2, 2), "c.txt");
        var second = await db.ImportAsync(AnswerTestData.Review("FRIEREN", 3, 2), "d.txt");

        Assert.Equal((ImportStatus.Created, "frieren"), (first.Status, first.ShowSlug));
        Assert.Equal((ImportStatus.Created, "frieren"), (second.Status, second.ShowSlug));
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(8, await db.ScalarAsync("SELECT id FROM shows WHERE title_key IS NULL"));
    }

    /// <summary>
    /// An earlier build read a zero-width space as a space: "Metallic\u200BRouge" was stored as the show
    /// "Metallic Rouge". The same file imported again, edited, names that show as it is read today.
    /// </summary>
    [Fact]
    public async Task ImportAsync_SourceWhoseShowAnEarlierBuildReadWithASpace_UpdatesItsReview()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await InsertShowAsync(db, 7, "Metallic Rouge", "metallic-rouge", "metallic rouge", "a.txt");

        var edited = await db.ImportAsync(AnswerTestData.Review("Metallic\u200BRouge", 1, 3), "a.txt");

        Assert.True(edited.Status == ImportStatus.Updated, edited.Error);
        Assert.Equal((70L, "metallic-rouge"), (edited.ReviewId, edited.ShowSlug));
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(3, await db.ScalarAsync("SELECT COUNT(*) FROM episodes WHERE review_id = 70"));
    }

    [Fact]
    public async Task ImportAsync_SourceReadWithASpaceEarlierWhileAnotherSourceHoldsTheJoinedTitle_UpdatesItsOwnReview()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await InsertShowAsync(db, 7, "Metallic Rouge", "metallic-rouge", "metallic rouge", "a.txt");
        await InsertShowAsync(db, 8, "Metallic\u200BRouge", "metallicrouge", "metallicrouge", "b.txt");

        var edited = await db.ImportAsync(AnswerTestData.Review("Metallic\u200BRouge", 2, 3), "a.txt");

        Assert.True(edited.Status == ImportStatus.Updated, edited.Error);
        Assert.Equal((70L, "metallic-rouge"), (edited.ReviewId, edited.ShowSlug));
        Assert.Equal(2, await db.ScalarAsync("SELECT season FROM reviews WHERE id = 70"));
    }

    /// <summary>A difference anyone can see (the space taken out by hand) is another title, as before.</summary>
    [Fact]
    public async Task ImportAsync_SourceNowNamingTheTitleWithoutItsSpace_IsRefused()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await InsertShowAsync(db, 7, "Metallic Rouge", "metallic-rouge", "metallic rouge", "a.txt");

        var edited = await db.ImportAsync(AnswerTestData.Review("MetallicRouge", 1, 3), "a.txt");

        Assert.Equal(ImportStatus.Rejected, edited.Status);
        Assert.Contains("now names MetallicRouge", edited.Error, StringComparison.Ordinal);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    private async Task<TestDatabase> EarlierDatabaseAsync()
    {
        var db = await TestDatabase.CreateAsync(Provider, migrate: false);
        await (await db.OpenAsync()).DisposeAsync(); // creates the file and its folder, as the bot does
        EarlierSchema.Apply(Provider, db.ConnectionString, "0014");
        return db;
    }

    /// <summary>A show and its season 1 review (id ten times the show's) as an earlier release stored them.</summary>
    private static async Task InsertShowAsync(TestDatabase db, long id, string title, string slug, string? key, string sourceKey)
    {
        await using var connection = await db.OpenAsync();
        await connection.ExecuteAsync(
            "INSERT INTO shows (id, title, slug, title_key, created_at, updated_at) VALUES (@id, @title, @slug, @key, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            new { id, title, slug, key });
        await connection.ExecuteAsync(
            """
            INSERT INTO reviews (id, show_id, season, title, headline, summary, body, source_key, content_hash, created_at, updated_at)
            VALUES (@reviewId, @id, 1, @reviewTitle, 'Old', '', 'Old body.', @sourceKey, 'x', '2025-01-01T00:00:00.0000000Z', '2025-01-01T00:00:00.0000000Z')
            """,
            new { reviewId = id * 10, id, reviewTitle = title + " Season 1 Review", sourceKey });
    }
}

public sealed class InvisibleCharacterShowTestsOnSqlite : InvisibleCharacterShowTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class InvisibleCharacterShowTestsOnPostgreSql : InvisibleCharacterShowTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
