using System.Text;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// Answers built from reviews whose titles, headlines, texts and links are as long as import allows,
/// full of characters Markdown would read: whatever Discord's limits make the bot leave out, what it
/// sends stays well-formed Markdown and keeps the lines that say what was left out.
/// </summary>
public sealed class MaximalAnswerTests
{
    [Fact]
    public async Task Search_HeadlineAtItsLongest_KeepsItsBoldClosedAndTheHintLine()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Headline Heavy", 1, 3, headline: Repeat("Bold *claims* and_more ", 1000)));

        var reply = await bot.SlashAsync("search", new SlashOption("query", "heavy"));

        var value = reply.Fields[0].Value;
        Assert.InRange(value.Length, 1, 1024);
        Assert.EndsWith("\n`/review headline-heavy season:1`", value, StringComparison.Ordinal);
        Assert.StartsWith(@"**Bold \*claims\* and\_more", value, StringComparison.Ordinal);
        MarkdownAssert.WellFormed(value);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_SnippetOfLongUnbrokenMarkdown_KeepsEveryMatchAndEscapeWholeAndTheHintLine()
    {
        await using var bot = await BotHost.StartAsync();
        // No space in reach, so a cut falls between characters: never between an escape's backslash
        // and what it escapes, nor between a match's bold marks.
        var run = string.Concat(Enumerable.Repeat("zeppelin" + new string('*', 61), 14));
        await bot.ImportAsync(TestReviews.Plain("Unbroken Run", 1, 3).Replace("The animation is consistent", run + " The animation is consistent", StringComparison.Ordinal));

        var reply = await bot.SlashAsync("search", new SlashOption("query", "zeppelin"));

        var value = reply.Fields[0].Value;
        Assert.InRange(value.Length, 1, 1024);
        Assert.EndsWith("\n`/review unbroken-run season:1`", value, StringComparison.Ordinal);
        Assert.Contains("**zeppelin**", value, StringComparison.Ordinal);
        MarkdownAssert.WellFormed(value);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("1. Best of the year", @"1\. Best of the year")]
    [InlineData("2024. A year", @"2024\. A year")]
    [InlineData("# Heading", @"\# Heading")]
    [InlineData("## Heading", @"\## Heading")]
    [InlineData("### Heading", @"\### Heading")]
    [InlineData("-# Subtext", @"\-# Subtext")]
    [InlineData("> Quote", @"\> Quote")]
    [InlineData(">>> Quote", @"\>>> Quote")]
    [InlineData("- Bullet", @"\- Bullet")]
    [InlineData("* Bullet", @"\* Bullet")]
    public async Task Latest_HeadlineStartingWithABlockMarker_IsShownAsTyped(string headline, string escaped)
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(
            $"""
            ---
            show: Block Markers
            season: 1
            headline: "{headline}"
            published: 2026-01-20
            ---
            ## Episode Guide
            - Episode 1: One – 3/5
            ## Review
            A review.
            """);

        var reply = await bot.SlashAsync("latest");

        Assert.EndsWith("\n  " + escaped, reply.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    /// <summary><paramref name="words"/> repeated, then cut to at most <paramref name="length"/> characters without trailing spaces.</summary>
    private static string Repeat(string words, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(words);
        }

        return text.ToString(0, length).TrimEnd();
    }
}
