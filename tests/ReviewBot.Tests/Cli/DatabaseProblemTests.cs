using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// The database is input too: a locked, read-only, damaged or misconfigured database gives one line
/// naming the file or the setting and what to do, never a stack trace; a read-only verb answers
/// from a database it cannot write, and while another process writes.
/// </summary>
public sealed class DatabaseProblemTests
{
    private static void AssertNoStackTrace(string error) =>
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

    [Fact]
    public async Task Ask_WhileAnotherProcessHoldsAWriteTransaction_Answers()
    {
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("ask", "/review metallic-rouge")).ExitCode);
        await using var writer = new SqliteConnection($"Data Source={run.DatabasePath};Pooling=False");
        await writer.OpenAsync();
        await using var transaction = writer.BeginTransaction(deferred: false);
        await using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO shows (slug, title, created_at, updated_at) VALUES ('held', 'Held', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')";
            await insert.ExecuteNonQueryAsync();
        }

        var (exitCode, output, error) = await run.RunAsync("ask", "/review metallic-rouge");

        Assert.Equal(0, exitCode);
        Assert.Contains("Metallic Rouge — Season 1", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Migration", error, StringComparison.Ordinal);
        AssertNoStackTrace(error);
    }

    [Fact]
    public async Task Ask_ReadOnlyConnection_Answers()
    {
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("ask", "/review metallic-rouge")).ExitCode);

        var (exitCode, output, error) = await run.RunWithConnectionStringAsync(
            $"Data Source={run.DatabasePath};Mode=ReadOnly", "ask", "/episode 9 show:metallic-rouge");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("Episode 9: The Ones Who Visited", output, StringComparison.Ordinal);
        AssertNoStackTrace(error);
    }

    [Fact]
    public async Task Ask_ImmutableDatabaseFile_Answers_AndImportSaysItIsReadOnly()
    {
        // chattr +i makes the file unwritable even for root (these tests run as root, which file
        // modes like 0444 do not stop).
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("ask", "/review metallic-rouge")).ExitCode);
        SqliteConnection.ClearAllPools();
        Chattr("+i", run.DatabasePath);
        try
        {
            var (exitCode, output, error) = await run.RunAsync("ask", "/latest");
            Assert.Equal(0, exitCode);
            Assert.Contains("Metallic Rouge Season 1", output, StringComparison.Ordinal);
            AssertNoStackTrace(error);

            var review = Path.Combine(run.Folder, "frieren.txt");
            File.WriteAllText(review, "Frieren Season 1 Review – Calm\n\nEpisode Guide\nEpisode 1: Start – 4/5\n\nQuiet.\n\nVerdict - 9/10\n");
            var import = await run.RunAsync("import", review);
            Assert.Equal(1, import.ExitCode);
            Assert.Contains("readonly", import.Error, StringComparison.OrdinalIgnoreCase);
            AssertNoStackTrace(import.Error);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Chattr("-i", run.DatabasePath);
        }
    }

    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("migrate")]
    public async Task DamagedDatabase_OneLineNamingTheFile_ExitCode2(params string[] args)
    {
        using var run = new ProgramRun();
        Directory.CreateDirectory(Path.GetDirectoryName(run.DatabasePath)!);
        File.WriteAllText(run.DatabasePath, new string('x', 8192));

        var (exitCode, output, error) = await run.RunAsync(args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            $"{args[0]}: The database {run.DatabasePath} is not a ReviewBot database or is damaged (SQLite Error 26: 'file is not a database'). "
            + "Restore it from a backup, or set ConnectionStrings:Reviews to another file (a missing file is created).",
            error.Trim());
    }

    /// <summary>
    /// An older build started on a database a newer one migrated (a rollback without the backup) must
    /// not read or write tables whose shape it does not know: every verb, and the bot, refuse it.
    /// </summary>
    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("migrate")]
    [InlineData("import", "REVIEW")]
    [InlineData("run", "--Discord:Token=test-token", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10")]
    public async Task DatabaseMigratedByANewerBuild_IsRefused_OneLine_ExitCode2_NothingWritten(params string[] args)
    {
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("ask", "/latest")).ExitCode);
        await ExecuteAsync(run.DatabasePath, "INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('ReviewBot.Migrations.9999_from_a_newer_build.sql', '2027-01-01 00:00:00')");
        var review = Path.Combine(run.Folder, "frieren.txt");
        File.WriteAllText(review, "Frieren Season 1 Review – Calm\n\nEpisode Guide\nEpisode 1: Start – 4/5\n\nQuiet.\n\nVerdict - 9/10\n");

        var (exitCode, output, error) = await run.RunAsync([.. args.Select(a => a == "REVIEW" ? review : a)]);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        var line = Assert.Single(error.Trim().Split('\n'));
        Assert.Contains($"The database {run.DatabasePath} was migrated by a newer ReviewBot (9999_from_a_newer_build.sql, which this build does not have)", line, StringComparison.Ordinal);
        AssertNoStackTrace(error);
        Assert.Equal(1, await ScalarAsync(run.DatabasePath, "SELECT COUNT(*) FROM reviews"));
    }

    /// <summary>
    /// A migration that fails (here a journal that lost its first entry, so 0001 runs again on tables
    /// that exist; a full disk or a lock held too long fail the same way) is one line, as any other
    /// database problem: not DbUp's own account of it, six log entries with their stack traces. Run as
    /// a child process, since log lines go to the process's real stderr.
    /// </summary>
    [Theory]
    [InlineData("migrate")]
    [InlineData("ask", "/latest")]
    [InlineData("run")]
    public async Task AMigrationThatFails_OneLine_NoStackTrace_NothingApplied(params string[] args)
    {
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("migrate")).ExitCode);
        await ExecuteAsync(run.DatabasePath, "DELETE FROM SchemaVersions WHERE ScriptName = 'ReviewBot.Migrations.0001_initial.sql'");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Reviews"] = $"Data Source={run.DatabasePath}",
            ["Discord__Token"] = "test-token",
            ["Discord__ApiBaseUrl"] = "http://127.0.0.1:9/api/v10",
        };

        await using var program = ChildProcess.Start(Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), args, environment, workingDirectory: run.Folder);
        Assert.True(await program.WaitForExitAsync(TimeSpan.FromMinutes(2)), program.Output);

        Assert.Equal(1, program.ExitCode);
        var lines = program.Output.Trim().Split('\n');
        var expected = $"The database {run.DatabasePath} could not be used (SQLite Error 1: 'table shows already exists').";
        if (args[0] == "run")
        {
            // The bot logs its start and stop at Information, from the console logger's own thread, so
            // under load a log line may come after the verb's; the verb's line is there once, whole.
            Assert.Single(lines, line => line == "The bot could not start: " + expected);
        }
        else
        {
            Assert.Equal($"{args[0]}: {expected}", Assert.Single(lines));
        }

        Assert.DoesNotContain("DbUp", program.Output, StringComparison.Ordinal);
        AssertNoStackTrace(program.Output);
        Assert.Equal(0, await ScalarAsync(run.DatabasePath, "SELECT COUNT(*) FROM SchemaVersions WHERE ScriptName = 'ReviewBot.Migrations.0001_initial.sql'"));
    }

    /// <summary>
    /// ConnectionStrings:Reviews pointed at another program's SQLite file (tables, but no ReviewBot
    /// journal) must leave that file as it is: migrating it would add ReviewBot's tables to someone
    /// else's data, or fail half-way on a table of the same name.
    /// </summary>
    [Theory]
    [InlineData("notes")]
    [InlineData("shows")]
    public async Task AnotherProgramsSqliteDatabase_IsRefused_OneLine_ExitCode2_LeftAsItWas(string table)
    {
        using var run = new ProgramRun();
        Directory.CreateDirectory(Path.GetDirectoryName(run.DatabasePath)!);
        await ExecuteAsync(run.DatabasePath, $"CREATE TABLE {table} (body TEXT); INSERT INTO {table} VALUES ('theirs')");

        foreach (var args in new[] { new[] { "migrate" }, ["ask", "/latest"], ["run", "--Discord:Token=test-token", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10"] })
        {
            var (exitCode, output, error) = await run.RunAsync(args);

            Assert.Equal(2, exitCode);
            Assert.Equal("", output);
            var line = Assert.Single(error.Trim().Split('\n'));
            Assert.Contains(
                $"The database {run.DatabasePath} is not a ReviewBot database: it holds tables ({table}) but no ReviewBot migration journal. Set ConnectionStrings:Reviews to another file (a missing file is created).",
                line,
                StringComparison.Ordinal);
            AssertNoStackTrace(error);
        }

        Assert.Equal(1, await ScalarAsync(run.DatabasePath, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'"));
    }

    private static async Task ExecuteAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string databasePath, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task DamagedDatabase_Run_OneLineNamingTheFile_ExitCode2_AsTheOtherVerbs()
    {
        // The bot migrates before it contacts Discord; the address below is never reached.
        using var run = new ProgramRun();
        Directory.CreateDirectory(Path.GetDirectoryName(run.DatabasePath)!);
        File.WriteAllText(run.DatabasePath, new string('x', 8192));

        var (exitCode, _, error) = await run.RunAsync("run", "--Discord:Token=test-token", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10");

        Assert.Equal(2, exitCode);
        Assert.Equal(
            $"The bot could not start: The database {run.DatabasePath} is not a ReviewBot database or is damaged (SQLite Error 26: 'file is not a database'). "
            + "Restore it from a backup, or set ConnectionStrings:Reviews to another file (a missing file is created).",
            error.Trim());
    }

    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("run", "--Discord:Token=test-token")]
    public async Task PostgreSqlDatabaseThatDoesNotExist_OneLine_ExitCode2(string verb, string argument)
    {
        var cluster = await PostgresCluster.GetAsync();
        var missing = "rb_missing_" + Guid.NewGuid().ToString("n");
        using var run = new ProgramRun { ConnectionString = $"Host=127.0.0.1;Port={cluster.Port};Database={missing};Username=postgres;Password=hunter2" };

        var (exitCode, _, error) = await run.RunAsync(verb, argument, "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10");

        Assert.True(exitCode == 2, error);
        Assert.Contains($"database \"{missing}\" does not exist", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("run", "--Discord:Token=test-token")]
    public async Task PostgreSqlServerThatCannotBeReached_OneLine_ExitCode1_SinceItMayComeBack(string verb, string argument)
    {
        // Port 9 (discard) on the loopback: nothing listens there, so the connection is refused at once.
        using var run = new ProgramRun { ConnectionString = "Host=127.0.0.1;Port=9;Database=reviewbot;Username=reviewbot;Password=hunter2;Timeout=5" };

        var (exitCode, _, error) = await run.RunAsync(verb, argument, "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10");

        Assert.True(exitCode == 1, error);
        Assert.Contains("The PostgreSQL server cannot be reached (Failed to connect to 127.0.0.1:9)", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task PostgreSqlLoginThatDoesNotExist_OneLine_ExitCode2()
    {
        var cluster = await PostgresCluster.GetAsync();
        var database = await cluster.CreateDatabaseAsync();
        var user = "nobody_" + Guid.NewGuid().ToString("n");
        try
        {
            using var run = new ProgramRun { ConnectionString = database.Replace("Username=postgres", "Username=" + user, StringComparison.Ordinal) };

            var (exitCode, _, error) = await run.RunAsync("ask", "/latest");

            Assert.True(exitCode == 2, error);
            Assert.Contains("PostgreSQL refused the login", error, StringComparison.Ordinal);
            Assert.Contains(user, error, StringComparison.Ordinal);
            Assert.Single(error.Trim().Split('\n'));
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    [Theory]
    [InlineData("Data Sourcex=reviews.db")]
    [InlineData("Data Source=reviews.db;Mode=Sideways")]
    public async Task InvalidConnectionString_IsAConfigurationError_NamingTheSetting(string connectionString)
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunWithConnectionStringAsync(connectionString, "ask", "/latest");

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.StartsWith("Configuration error: ConnectionStrings:Reviews ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public async Task DatabaseFolderCannotBeCreated_OneLineNamingTheFile()
    {
        using var run = new ProgramRun();
        var blocker = Path.Combine(run.Folder, "blocker");
        File.WriteAllText(blocker, "a file where a folder should be");
        var database = Path.Combine(blocker, "reviews.db");

        var (exitCode, _, error) = await run.RunWithConnectionStringAsync($"Data Source={database}", "ask", "/latest");

        Assert.Equal(2, exitCode);
        Assert.StartsWith($"ask: The database {database} cannot be opened (", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    /// <summary>
    /// A folder named where the database file goes (the service's state folder, say) is not a file
    /// that cannot be opened for some reason to check: the line says it is a folder and what to write.
    /// </summary>
    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("import", "SAMPLES")]
    [InlineData("migrate", null)]
    public async Task DatabasePathThatIsAFolder_OneLineSayingSo_ExitCode2_NothingWritten(string verb, string? argument)
    {
        using var run = new ProgramRun();
        var folder = Path.Combine(run.Folder, "state");
        Directory.CreateDirectory(folder);
        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        string[] args = argument is null ? [verb] : [verb, argument == "SAMPLES" ? samples : argument];

        var (exitCode, output, error) = await run.RunWithConnectionStringAsync($"Data Source={folder}", args);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output);
        Assert.Equal(
            $"{verb}: The database {folder} is a folder, not a database file. Set ConnectionStrings:Reviews to a file in it, e.g. Data Source={Path.Combine(folder, "reviewbot.db")}.",
            error.Trim());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    private static void Chattr(string flag, string path)
    {
        using var process = Process.Start(new ProcessStartInfo("chattr", [flag, path]) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"chattr {flag} {path}: {error}");
    }
}
