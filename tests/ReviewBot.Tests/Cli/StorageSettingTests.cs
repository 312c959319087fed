namespace ReviewBot.Tests.Cli;

public sealed class StorageSettingTests
{
    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("run", "--Discord:Token=test-token")]
    public async Task SqliteCacheSizeOutOfRange_StopsEveryVerb_WithExit2_AndNothingWritten(string verb, string argument)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync(verb, argument, "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10", "--Storage:SqliteCacheSizeKiB=8");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: Storage:SqliteCacheSizeKiB is 8;", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Fact]
    public async Task SqliteMapSizeOutOfRange_StopsTheStart_WithExit2_AndNothingWritten()
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync("ask", "/latest", "--Storage:SqliteMapSizeMiB=4096");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: Storage:SqliteMapSizeMiB is 4096;", error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("64")]
    public async Task SqliteMapSizeInRange_AskAnswersAReviewWithItsStoredAnswer(string mib)
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("ask", "/review metallic-rouge", $"--Storage:SqliteMapSizeMiB={mib}");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Metallic Rouge", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SqliteCacheSizeInRange_AskAnswers()
    {
        using var run = new ProgramRun();

        var (exitCode, output, error) = await run.RunAsync("ask", "/review metallic-rouge", "--Storage:SqliteCacheSizeKiB=128");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Metallic Rouge", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// The SQLite ReviewBot ships has no encryption, so a Password is refused when the first connection
    /// opens; that must be the configuration error it is (exit 2: systemd does not restart the bot for
    /// it), said without the password, before any file is created.
    /// </summary>
    [Theory]
    [InlineData("ask", "/latest")]
    [InlineData("import", "samples")]
    [InlineData("migrate", null)]
    [InlineData("run", "--Discord:Token=test-token")]
    public async Task SqliteWithAPassword_Exit2NamingTheSetting_WithoutThePassword(string verb, string? argument)
    {
        using var run = new ProgramRun();
        string[] args = argument is null ? [verb] : [verb, argument];

        var (exitCode, output, error) = await run.RunWithConnectionStringAsync(
            $"Data Source={run.DatabasePath};Password=hunter2-secret", [.. args, "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10"]);

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: ConnectionStrings:Reviews sets a Password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(run.DatabasePath));
    }

    /// <summary>
    /// An in-memory SQLite database is a new, empty one for every connection the bot opens, so the
    /// tables the migrations made are gone before the verb reads them; a configuration error, not a
    /// "no such table" failure.
    /// </summary>
    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=reviews;Mode=Memory;Cache=Shared")]
    public async Task SqliteInMemory_Exit2NamingTheSetting(string connectionString)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunWithConnectionStringAsync(connectionString, "ask", "/latest");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("Configuration error: ConnectionStrings:Reviews names an in-memory SQLite database", error, StringComparison.Ordinal);
    }
}
