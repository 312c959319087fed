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
}
