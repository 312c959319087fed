using System.Text;
using System.Text.Json;
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

    [Fact]
    public async Task Search_FiveResultsAtTheirLongest_ShowsEveryResultWithItsHintLineWithinTheEmbedTotal()
    {
        await using var bot = await BotHost.StartAsync();
        // Five maximal fields (256 + 1024 characters each) are more than an embed's 6000: each
        // result must give up some of its snippet rather than a whole result go missing.
        var run = string.Concat(Enumerable.Repeat("zeppelin" + new string('*', 61), 14));
        for (var i = 0; i < 5; i++)
        {
            var show = $"{(char)('A' + i)} {Repeat("Long *Title* of_a show ", 498)}";
            await bot.ImportAsync(TestReviews.Plain(show, 1, 3, headline: Repeat("Bold *claims* and_more ", 1000))
                .Replace("The animation is consistent", run + " The animation is consistent", StringComparison.Ordinal));
        }

        var reply = await bot.SlashAsync("search", new SlashOption("query", "zeppelin"));

        Assert.InRange(Total(reply.Embed), 1, 6000);
        Assert.Equal(5, reply.Fields.Count);
        Assert.All(reply.Fields, f => Assert.Matches(@"\n`/review [a-z0-9-]+ season:1`$", f.Value));
        Assert.All(reply.Fields, f => Assert.EndsWith(" — Season 1 · 7/10", f.Name, StringComparison.Ordinal));
        Assert.All(reply.Fields, f => MarkdownAssert.WellFormed(f.Value));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_TypoNearFiveLongTitlesFullOfMarkdown_ListsEverySuggestionAndTheClosingQuestionMark()
    {
        await using var bot = await BotHost.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await bot.ImportAsync(TestReviews.Plain($"Starlight Voyage {(char)('A' + i)} {Repeat("*** ", 480)}", 1, 2));
        }

        var reply = await bot.SlashAsync("review", new SlashOption("show", "Starlight Voyaeg"));

        Assert.True(reply.IsEphemeral);
        Assert.InRange(reply.Content.Length, 1, 2000);
        Assert.EndsWith("?", reply.Content, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(reply.Content, @"\(`starlight-voyage-[a-e][a-z0-9-]*`\)"));
        MarkdownAssert.WellFormed(reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData(200, true)] // ten such links fit beside shortened titles
    [InlineData(1500, false)] // ten of these do not: each title is shown without its link rather than cut
    public async Task Latest_TenReviewsWithLongestTitlesAndLinks_ListsEveryOneWithNoLinkCut(int pathLength, bool linked)
    {
        await using var bot = await BotHost.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            await bot.ImportAsync(
                $"""
                ---
                show: "{Repeat($"Show {(char)('A' + i)} [with] (brackets) *and* stars ", 500)}"
                season: 1
                headline: "{Repeat("A [headline] *that* goes_on ", 1000)}"
                url: https://example.com/{Repeat($"review-{i}/", pathLength)}
                published: 2026-01-{10 + i}
                verdict: 7/10
                ---
                ## Episode Guide
                - Episode 1: One – 3/5
                ## Review
                A long review.
                """);
        }

        var reply = await bot.SlashAsync("latest", new SlashOption("count", 10));

        var description = reply.Embed.GetProperty("description").GetString()!;
        Assert.InRange(description.Length, 1, 4096);
        MarkdownAssert.WellFormed(description);
        var entries = description.Split('\n').Where(l => l.StartsWith("• ", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, entries.Count);
        Assert.Equal(linked, entries.Count(e => e.StartsWith(@"• [Show ", StringComparison.Ordinal)) == 9);
        Assert.Equal(9, entries.Count(e => e.Contains(@"Show ", StringComparison.Ordinal)));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_PastTheEmbedTotal_KeepsTheHeadlineAndTheLineSayingHowManyEpisodesAreNotShown()
    {
        await using var bot = await BotHost.StartAsync();
        var review = new StringBuilder();
        review.AppendLine("---").AppendLine($"show: \"{Repeat("Maximal *Show* ", 500)}\"").AppendLine("season: 1");
        review.AppendLine($"headline: \"{Repeat("Every *word* of_this headline ", 1000)}\"").AppendLine("verdict: 7/10");
        review.AppendLine($"url: https://example.com/{Repeat("a-long-path/", 1500)}").AppendLine($"author: {Repeat("Ana Writer ", 1000)}");
        review.AppendLine("published: 2026-01-20").AppendLine("---").AppendLine("## Episode Guide");
        for (var n = 1; n <= 200; n++)
        {
            review.AppendLine($"- Episode {n}: {Repeat($"Part {n} *of* the_long [road] ", 500)} – {(n % 3 == 0 ? "2" : n % 3 == 1 ? "4.5" : "3")}/5");
        }

        review.AppendLine("## Review");
        for (var n = 0; n < 6; n++)
        {
            review.Append(Repeat("The *show* keeps_going [and] going ", 190)).Append(". ");
        }

        review.AppendLine();
        await bot.ImportAsync(review.ToString());

        var slug = (await bot.AutocompleteAsync("review", "show", "maximal")).Data.GetProperty("choices")[0].GetProperty("value").GetString()!;
        var reply = await bot.SlashAsync("review", new SlashOption("show", slug));

        Assert.InRange(Total(reply.Embed), 1, 6000);
        Assert.True(reply.Embed.TryGetProperty("description", out var shown), "the description was left out");
        var description = shown.GetString()!;
        Assert.StartsWith(@"**Every \*word\*", description, StringComparison.Ordinal);
        var guide = reply.Fields.Where(f => f.Name.StartsWith("Episode guide", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(guide);
        Assert.Matches(@"\n…and \d+ more: use /episode$", guide[^1].Value);
        MarkdownAssert.WellFormed(description);
        Assert.All(reply.Fields, f => MarkdownAssert.WellFormed(f.Value));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Top_TenSeasonsWithTitlesFullOfMarkdown_ListsWholeLinesWithinTheField()
    {
        await using var bot = await BotHost.StartAsync();
        for (var i = 0; i < 10; i++)
        {
            await bot.ImportAsync(TestReviews.Plain($"{(char)('A' + i)}{Repeat("*_[", 60)}", 1, 2, verdict: $"{9 - (i % 3)}.5/10"));
        }

        var reply = await bot.SlashAsync("top", new SlashOption("count", 10));

        var list = reply.Field("By the critic's verdict");
        Assert.InRange(list.Length, 1, 1024);
        MarkdownAssert.WellFormed(list);
        Assert.All(list.Split('\n'), line => Assert.Matches(@"^(`\s*\d+\.` \*\*.+\*\* S1 · \*\*[\d.]+/10\*\* · community not rated|…and \d+ more)$", line));
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

    [Fact]
    public async Task Episode_ShowTitleAtItsLongestWithAnOpenOverride_AuthorLineKeepsTheSeasonReadingForwards()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Mirror \u202E" + Repeat("Drama ", 490), 1, 3));

        var slug = (await bot.AutocompleteAsync("episode", "show", "mirror")).Data.GetProperty("choices")[0].GetProperty("value").GetString()!;
        var reply = await bot.SlashAsync("episode", new SlashOption("number", 2), new SlashOption("show", slug));

        var author = reply.Embed.GetProperty("author").GetProperty("name").GetString()!;
        Assert.InRange(author.Length, 1, 256);
        Assert.EndsWith("…\u202C — Season 1", author, StringComparison.Ordinal);
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

    private static int Total(JsonElement embed)
    {
        var total = Length(embed, "title") + Length(embed, "description");
        foreach (var field in embed.TryGetProperty("fields", out var fields) ? fields.EnumerateArray() : default)
        {
            total += Length(field, "name") + Length(field, "value");
        }

        total += embed.TryGetProperty("footer", out var footer) ? Length(footer, "text") : 0;
        return total + (embed.TryGetProperty("author", out var author) ? Length(author, "name") : 0);
    }

    private static int Length(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString()!.Length : 0;
}
