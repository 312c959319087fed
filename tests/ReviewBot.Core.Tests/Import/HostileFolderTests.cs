using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Import;
using ReviewBot.Core.Tests.Answers;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Import;

/// <summary>
/// Folders holding what a hostile or careless user can put there. Each bad entry is one rejected
/// result naming it, the others are imported, and nothing blocks. Permission denial cannot be
/// provoked here (the tests run as root, which reads everything); a vanished file or folder stands
/// in for "cannot be read", and the reader maps EACCES the same way as any other open failure.
/// </summary>
public sealed class HostileFolderTests
{
    // A guard against a hung run, not a timing assertion: every import here normally ends at once.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private static string Folder(TestDatabase db)
    {
        var folder = Path.Combine(db.Folder, "in");
        Directory.CreateDirectory(folder);
        return folder;
    }

    // Off the test's thread: an open(2) that blocks (a FIFO) blocks before any task is returned,
    // and the guard must still be able to end the test.
    private static Task<IReadOnlyList<ImportResult>> ImportAsync(TestDatabase db, params string[] paths) =>
        Task.Run(() => db.Get<ReviewFileImporter>().ImportPathsAsync(paths, announce: false, ReviewOrigin.File, CancellationToken.None)).WaitAsync(Guard);

    [Fact]
    public async Task FifoNamedTxt_IsRefusedWithoutBlocking_AndTheRestIsImported()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        File.WriteAllText(Path.Combine(folder, "a.txt"), AnswerTestData.Review("Frieren", 1, 2));
        var fifo = Path.Combine(folder, "b-pipe.txt");
        SpecialFiles.MakeFifo(fifo);
        File.WriteAllText(Path.Combine(folder, "c.md.txt"), AnswerTestData.Review("Dandadan", 1, 2));

        IReadOnlyList<ImportResult> results;
        try
        {
            results = await ImportAsync(db, folder);
        }
        catch (TimeoutException)
        {
            SpecialFiles.ReleaseBlockedReader(fifo);
            throw;
        }

        Assert.Equal([ImportStatus.Created, ImportStatus.Rejected, ImportStatus.Created], results.Select(r => r.Status));
        Assert.Equal($"{fifo}: a FIFO (named pipe), not a regular file; only regular files are read", results[1].ToString());
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task DanglingAndLoopingFileLinks_AreRejectedNamingTheLink()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        var dangling = Path.Combine(folder, "a-gone.txt");
        File.CreateSymbolicLink(dangling, Path.Combine(folder, "nowhere.txt"));
        var loop = Path.Combine(folder, "b-loop.md");
        File.CreateSymbolicLink(loop, loop);
        File.WriteAllText(Path.Combine(folder, "c.txt"), AnswerTestData.Review("Frieren", 1, 2));

        var results = await ImportAsync(db, folder);

        Assert.Equal(3, results.Count);
        Assert.StartsWith($"{dangling}: a symbolic link whose target does not exist", results[0].ToString(), StringComparison.Ordinal);
        Assert.StartsWith($"{loop}: a symbolic link loop", results[1].ToString(), StringComparison.Ordinal);
        Assert.Equal(ImportStatus.Created, results[2].Status);
    }

    /// <summary>
    /// A path the kernel will not follow to its end (a folder on it that cannot be searched, or, as
    /// here since root searches every folder, a link loop on the way) is there or not for all anyone
    /// can tell: it is reported with the kernel's reason, never as a file that does not exist.
    /// </summary>
    [Fact]
    public async Task FileOnAPathThatCannotBeFollowed_IsRefusedSayingWhy_NotAsMissing()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        var loop = Path.Combine(folder, "loop");
        Directory.CreateSymbolicLink(loop, loop);
        var path = Path.Combine(loop, "review.txt");

        var result = Assert.Single(await ImportAsync(db, path));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal($"{path}: the file cannot be reached (Too many levels of symbolic links); expected a review file the bot may read", result.ToString());
    }

    [Fact]
    public async Task LinkedFolderLoops_AreReportedNotFollowed_AndEachFileImportedOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        Directory.CreateSymbolicLink(Path.Combine(folder, "self"), ".");
        var sub = Directory.CreateDirectory(Path.Combine(folder, "sub")).FullName;
        Directory.CreateSymbolicLink(Path.Combine(sub, "up"), "..");
        File.WriteAllText(Path.Combine(folder, "a.txt"), AnswerTestData.Review("Frieren", 1, 2));
        File.WriteAllText(Path.Combine(sub, "b.txt"), AnswerTestData.Review("Dandadan", 1, 2));

        var results = await ImportAsync(db, folder);

        Assert.Equal(4, results.Count);
        Assert.Equal(2, results.Count(r => r.Status == ImportStatus.Created));
        var refused = results.Where(r => !r.Succeeded).Select(r => r.ToString()).ToList();
        Assert.Equal(
            [
                $"{Path.Combine(folder, "self")}: a symbolic link to a folder; linked folders are not followed (import the folder it points to by its own path)",
                $"{Path.Combine(sub, "up")}: a symbolic link to a folder; linked folders are not followed (import the folder it points to by its own path)",
            ],
            refused.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task FileWhoseNameIsNotUtf8_IsRefusedSayingSo_NotAsVanished()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        var outside = Path.Combine(db.Folder, "latin1.txt");
        File.WriteAllText(outside, AnswerTestData.Review("Frieren", 1, 2));
        var listed = SpecialFiles.MoveToLatin1Name(outside, folder);
        File.WriteAllText(Path.Combine(folder, "d.txt"), AnswerTestData.Review("Dandadan", 1, 2));
        try
        {
            var results = await ImportAsync(db, folder);

            // The file is there; only its name cannot be spelt to open it. "Vanished" would send the
            // operator looking for whoever deleted it instead of renaming it.
            Assert.Equal([ImportStatus.Rejected, ImportStatus.Created], results.Select(r => r.Status));
            Assert.Equal(
                $"{listed}: the name is not valid UTF-8, so it cannot be opened by its name; rename it (to UTF-8) and import it again",
                results[0].ToString());
        }
        finally
        {
            SpecialFiles.RemoveLatin1Name(folder);
        }
    }

    [Fact]
    public async Task FileVanishingBetweenListingAndReading_IsOneRejection_AndTheBatchGoesOn()
    {
        // Saving a.txt deletes b.txt: the folder was listed with b.txt in it, which is gone when read.
        var folder = "";
        await using var db = await TestDatabase.CreateAsync(s => s.AddSingleton<IReviewSaveParticipant>(
            new OnSave("Frieren", () => File.Delete(Path.Combine(folder, "b.txt")))));
        folder = Folder(db);
        File.WriteAllText(Path.Combine(folder, "a.txt"), AnswerTestData.Review("Frieren", 1, 2));
        File.WriteAllText(Path.Combine(folder, "b.txt"), AnswerTestData.Review("Dandadan", 1, 2));
        File.WriteAllText(Path.Combine(folder, "c.txt"), AnswerTestData.Review("Mushishi", 1, 2));

        var results = await ImportAsync(db, folder);

        Assert.Equal([ImportStatus.Created, ImportStatus.Rejected, ImportStatus.Created], results.Select(r => r.Status));
        Assert.Equal($"{Path.Combine(folder, "b.txt")}: the file vanished before it could be read; nothing was imported from it", results[1].ToString());
    }

    [Fact]
    public async Task SubfolderThatCannotBeListed_IsOneRejection_AndTheBatchGoesOn()
    {
        // Saving a.txt removes the subfolder b/ after the top folder was listed.
        var folder = "";
        await using var db = await TestDatabase.CreateAsync(s => s.AddSingleton<IReviewSaveParticipant>(
            new OnSave("Frieren", () => Directory.Delete(Path.Combine(folder, "b"), recursive: true))));
        folder = Folder(db);
        File.WriteAllText(Path.Combine(folder, "a.txt"), AnswerTestData.Review("Frieren", 1, 2));
        Directory.CreateDirectory(Path.Combine(folder, "b"));
        File.WriteAllText(Path.Combine(folder, "b", "inner.txt"), AnswerTestData.Review("Dandadan", 1, 2));
        File.WriteAllText(Path.Combine(folder, "c.txt"), AnswerTestData.Review("Mushishi", 1, 2));

        var results = await ImportAsync(db, folder);

        Assert.Equal([ImportStatus.Created, ImportStatus.Rejected, ImportStatus.Created], results.Select(r => r.Status));
        Assert.StartsWith($"{Path.Combine(folder, "b")}: the folder vanished before it could be read", results[1].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Devices_DirectOrLinked_AreNeverRead()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        var linked = Path.Combine(folder, "zero.txt");
        File.CreateSymbolicLink(linked, "/dev/zero");

        var results = await ImportAsync(db, "/dev/zero", folder);

        Assert.Equal(
            [
                "/dev/zero: a character device, not a regular file; only regular files are read",
                $"{linked}: a symbolic link to a character device, not a regular file; only regular files are read",
            ],
            results.Select(r => r.ToString()));
    }

    [Fact]
    public async Task FolderNamedOnTheCommandLine_MayBeALink()
    {
        await using var db = await TestDatabase.CreateAsync();
        var folder = Folder(db);
        File.WriteAllText(Path.Combine(folder, "a.txt"), AnswerTestData.Review("Frieren", 1, 2));
        var link = Path.Combine(db.Folder, "link");
        Directory.CreateSymbolicLink(link, folder);

        var result = Assert.Single(await ImportAsync(db, link));

        Assert.Equal(ImportStatus.Created, result.Status);
    }

    private sealed class OnSave(string title, Action action) : IReviewSaveParticipant
    {
        public Task OnSavedAsync(DbConnection connection, DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken)
        {
            if (saved.ShowTitle == title)
            {
                action();
            }

            return Task.CompletedTask;
        }
    }
}
