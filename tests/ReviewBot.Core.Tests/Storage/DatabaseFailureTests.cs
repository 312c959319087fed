using Microsoft.Data.Sqlite;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>What an operator reads for a database that cannot be used: the cause SQLite gave, in words they can act on.</summary>
public sealed class DatabaseFailureTests
{
    private const string File = "/var/lib/reviewbot/reviewbot.db";

    /// <summary>
    /// A read as a user who may read the file but not write its folder: SQLite refuses even the read
    /// (SQLITE_READONLY_DIRECTORY, or SQLITE_READONLY_CANTINIT for an unusable -shm), since WAL needs
    /// its -wal and -shm files beside the database. "This command needs to write" would be wrong: it
    /// only reads. (Reproduced as the nobody user with a root-owned folder; tests run as root, which
    /// the folder's mode does not stop, so the exception is made here.)
    /// </summary>
    [Theory]
    [InlineData(8 | (6 << 8))]
    [InlineData(8 | (5 << 8))]
    public void ReadOnlyFolder_SaysSQLiteNeedsItsFilesBesideTheDatabase(int extendedCode)
    {
        var failure = DatabaseFailure.From(new SqliteException("attempt to write a readonly database", 8, extendedCode), File);

        Assert.NotNull(failure);
        Assert.True(failure.IsConfiguration);
        Assert.Contains("reviewbot.db-wal and reviewbot.db-shm", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("needs to write", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOnlyFile_WhenTheCommandWrites_SaysSo()
    {
        var failure = DatabaseFailure.From(new SqliteException("attempt to write a readonly database", 8, 8), File);

        Assert.NotNull(failure);
        Assert.Contains("is read-only, and this command needs to write to it", failure.Message, StringComparison.Ordinal);
    }
}
