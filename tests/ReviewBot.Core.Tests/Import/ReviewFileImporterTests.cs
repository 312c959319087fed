using ReviewBot.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Tests.Import;

public abstract class ReviewFileImporterTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task ImportPathsAsync_EmptyFile_RejectedAsEmpty()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var path = Write(db, "empty.txt", []);

        var result = Assert.Single(await Import(db, path));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Contains("empty.txt", result.ToString(), StringComparison.Ordinal);
        Assert.Contains("the file is empty; expected a review", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPathsAsync_OverOneMebibyte_RejectedNamingTheLimit()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var path = Write(db, "huge.txt", new byte[ReviewFileImporter.MaxFileBytes + 1]);

        var result = Assert.Single(await Import(db, path));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Contains("the limit is 1 MiB", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPathsAsync_NotUtf8_RejectedWithLine()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var bytes = System.Text.Encoding.Latin1.GetBytes("Pokémon Season 1 Review – Fine\n\nCafé line\n");
        var path = Write(db, "latin1.txt", bytes);

        var result = Assert.Single(await Import(db, path));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(1, result.Line);
        Assert.Contains("not valid UTF-8", result.Error, StringComparison.Ordinal);
        Assert.Contains("latin1.txt:1:", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportPathsAsync_NotAReview_RejectedAndOtherFilesStillImported()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var folder = Path.Combine(db.Folder, "in");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a-news.txt"), "Studio news\n\nA new show was announced.");
        File.WriteAllText(Path.Combine(folder, "b-review.txt"), TestDatabase.SampleText);
        File.WriteAllText(Path.Combine(folder, "ignored.json"), "{}");

        var results = await Import(db, folder);

        Assert.Equal(2, results.Count);
        Assert.True(results[0] is { Status: ImportStatus.Rejected, NotAReview: true, Line: 1 });
        Assert.Contains("not a review", results[0].Error, StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Created, results[1].Status);
    }

    [Fact]
    public async Task ImportPathsAsync_MissingPath_Rejected()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var result = Assert.Single(await Import(db, Path.Combine(db.Folder, "nope.txt")));

        Assert.Contains("no such file or folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SeedIfEmptyAsync_EmptyDatabase_ImportsSamplesOnce()
    {
        await using var db = await TestDatabase.CreateAsync(Provider, settings: new Dictionary<string, string?>
        {
            ["Reviews:ImportSamplesWhenEmpty"] = "true",
            ["Reviews:SeedDirectory"] = Path.Combine(AppContext.BaseDirectory, "samples"),
        });
        var seeder = db.Get<SampleSeeder>();

        var first = await seeder.SeedIfEmptyAsync(CancellationToken.None);
        var second = await seeder.SeedIfEmptyAsync(CancellationToken.None);

        Assert.Equal(ImportStatus.Created, Assert.Single(first).Status);
        Assert.Empty(second);
    }

    [Fact]
    public async Task ImportPathsAsync_SaveFailsForOneFile_ReportsItAndContinues()
    {
        await using var db = await TestDatabase.CreateAsync(Provider, s => s.AddSingleton<IReviewSaveParticipant>(new FailingForShow("Frieren")));
        var bad = Path.Combine(db.Folder, "a.txt");
        var good = Path.Combine(db.Folder, "b.txt");
        File.WriteAllText(bad, Answers.AnswerTestData.Review("Frieren", 1, 2));
        File.WriteAllText(good, TestDatabase.SampleText);

        var results = await db.Get<ReviewFileImporter>().ImportPathsAsync([bad, good], true, ReviewOrigin.File, CancellationToken.None);

        Assert.Equal(ImportStatus.Rejected, results[0].Status);
        Assert.Contains("nothing was written", results[0].Error, StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Created, results[1].Status);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    [Fact]
    public async Task ImportPathsAsync_PathLongerThanAnIndexEntry_IsStoredAndImportedAgainAsTheSameSource()
    {
        // A file's full path is its source key, kept in an indexed column; PostgreSQL refuses an index
        // entry over about 2.7 KB. Folder names that do not compress, about 3.4 KB in all (under PATH_MAX).
        await using var db = await TestDatabase.CreateAsync(Provider);
        var random = new Random(20261207);
        var folder = db.Folder;
        for (var level = 0; level < 14; level++)
        {
            folder = Path.Combine(folder, Convert.ToHexStringLower(Enumerable.Range(0, 120).Select(_ => (byte)random.Next(256)).ToArray()));
        }

        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "review.txt");
        File.WriteAllText(path, TestDatabase.SampleText);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(path) > 3000);

        var first = Assert.Single(await Import(db, path));
        var again = Assert.Single(await Import(db, path));
        File.WriteAllText(path, TestDatabase.SampleText.Replace("Verdict - 6/10", "Verdict - 7/10", StringComparison.Ordinal));
        var edited = Assert.Single(await Import(db, path));

        Assert.Equal(ImportStatus.Created, first.Status);
        Assert.Equal(ImportStatus.Unchanged, again.Status);
        Assert.Equal(ImportStatus.Updated, edited.Status);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    /// <summary>
    /// A file rewritten while it is read (an editor saving over it in place, a copy still running) may
    /// have been read half old, half new: nothing of it is stored, and the line says to import it again.
    /// The write is made to land inside the read by a reader that writes after the real read.
    /// </summary>
    [Fact]
    public async Task ImportPathsAsync_FileRewrittenWhileItIsRead_StoresNothing_AndSaysToImportItAgain()
    {
        await using var db = await TestDatabase.CreateAsync(
            Provider, s => s.AddSingleton<IReviewFileReader>(new WritingAfterRead(path => File.AppendAllText(path, "\nA line added while it was read.\n"))));
        var path = Write(db, "review.txt", System.Text.Encoding.UTF8.GetBytes(TestDatabase.SampleText));

        var result = Assert.Single(await Import(db, path));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(
            $"{path}: the file changed while it was read, so what was read may mix two versions; nothing was imported from it, import it again once it is saved",
            result.ToString());
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    private sealed class WritingAfterRead(Action<string> write) : IReviewFileReader
    {
        public async Task<ReviewFileRead> ReadAsync(string path, long limit, CancellationToken cancellationToken)
        {
            var read = await ReviewFileReader.ReadAsync(path, limit, cancellationToken);
            write(path);
            return read;
        }
    }

    private static Task<IReadOnlyList<ImportResult>> Import(TestDatabase db, string path) =>
        db.Get<ReviewFileImporter>().ImportPathsAsync([path], announce: false, ReviewOrigin.File, CancellationToken.None);

    private sealed class FailingForShow(string title) : IReviewSaveParticipant
    {
        public Task OnSavedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken) =>
            saved.ShowTitle == title ? throw new InvalidOperationException("outbox unavailable") : Task.CompletedTask;
    }

    private static string Write(TestDatabase db, string name, byte[] bytes)
    {
        var path = Path.Combine(db.Folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

public sealed class ReviewFileImporterTestsOnSqlite : ReviewFileImporterTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ReviewFileImporterTestsOnPostgreSql : ReviewFileImporterTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
