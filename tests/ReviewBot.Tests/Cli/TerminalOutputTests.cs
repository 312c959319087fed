using Microsoft.Data.Sqlite;
using ReviewBot.Core.Tests.Sources;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// What the verbs print echoes text nobody vetted (review fields, file names, feed titles); none of
/// it reaches the terminal as a control sequence or a bidi override.
/// </summary>
public sealed class TerminalOutputTests
{
    private static void AssertHarmless(string printed)
    {
        Assert.DoesNotContain('\u001b', printed);
        Assert.DoesNotContain('\u0007', printed);
        Assert.DoesNotContain('\u009b', printed);
        Assert.DoesNotContain('\u202e', printed);
    }

    [Fact]
    public async Task Ask_ReviewWithControlSequencesInTheDatabase_PrintsThemEscaped()
    {
        using var run = new ProgramRun();
        Assert.Equal(0, (await run.RunAsync("ask", "/review metallic-rouge")).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={run.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE reviews SET headline = @headline, summary = @summary";
            command.Parameters.AddWithValue("@headline", "\u001b]0;owned\u0007\u001b[2JCleared");
            command.Parameters.AddWithValue("@summary", "Reads \u202Eright to left");
            await command.ExecuteNonQueryAsync();
        }

        var (exitCode, output, _) = await run.RunAsync("ask", "/review metallic-rouge");

        Assert.Equal(0, exitCode);
        AssertHarmless(output);
        Assert.Contains("<U+001B>]0;owned<U+0007><U+001B>[2JCleared", output, StringComparison.Ordinal);
        Assert.Contains("Reads <U+202E>right to left", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_FileNameWithControlSequences_IsPrintedEscaped()
    {
        using var run = new ProgramRun();
        var name = Path.Combine(run.Folder, "evil\u001b[2J\u202Etxt.md.txt");
        File.WriteAllText(name, "not a review");

        var (exitCode, output, error) = await run.RunAsync("import", name);

        Assert.Equal(1, exitCode);
        AssertHarmless(output + error);
        // A refusal shows what it quotes by code point itself, as the inbox's error file and a feed's reason do.
        Assert.Contains("evil<U+001B>[2J<U+202E>txt.md.txt", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FeedsCheck_ItemTitlesWithControlCharacters_ArePrintedEscaped()
    {
        // XML cannot carry ESC, but it can carry C1 controls (U+009B is CSI) and bidi overrides.
        await using var server = await FeedTestServer.StartAsync();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(
            new RssItem("Spoof \u009b2J \u202Egnp.exe", "https://reviews.example/a/", "https://reviews.example/?p=9", FeedFixtures.NewsHtml)), () => "\"1\"");
        using var run = new ProgramRun();

        var (exitCode, output, _) = await run.RunAsync("feeds", "check", server.Url("/feed/").ToString(), "--Feeds:AllowedPrivateAddresses:0=127.0.0.1");

        Assert.Equal(0, exitCode);
        AssertHarmless(output);
        Assert.Contains("Spoof <U+009B>2J <U+202E>gnp.exe: skipped, not a review", output, StringComparison.Ordinal);
    }
}
