using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Bot;

public sealed class SearchAndLatestTests
{
    [Fact]
    public async Task Search_Words_ListsMatchingReviewsWithVerdicts()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("search", new SlashOption("query", "immortal nine"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        var field = reply.Embed.GetProperty("fields")[0];
        Assert.Equal("Metallic Rouge — Season 1 · 6/10", field.GetProperty("name").GetString());
        Assert.Contains("**", field.GetProperty("value").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_MoreMatchesThanResultsShown_SaysSoAndHowToNarrowIt()
    {
        await using var bot = await BotHost.StartAsync();
        for (var i = 0; i < 6; i++)
        {
            await bot.ImportAsync(TestReviews.Plain($"Zeppelin Tale {i + 1}", 1, 2));
        }

        var reply = await bot.SlashAsync("search", new SlashOption("query", "zeppelin"));

        Assert.Equal(5, reply.Fields.Count);
        Assert.Equal("More reviews match: add words to the search to narrow it.", reply.Embed.GetProperty("footer").GetProperty("text").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_NoMoreMatchesThanShown_HasNoFooter()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("search", new SlashOption("query", "immortal nine"));

        Assert.False(reply.Embed.TryGetProperty("footer", out _));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_QuerySyntax_IsSearchedForNotInterpreted()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("search", new SlashOption("query", "\"foo\" OR bar* NEAR("));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.Contains("No review mentions that", reply.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("immortal\u0000nine")]
    [InlineData("\u0000immortal")]
    [InlineData("immortal\u0007 \u202Enine\u001B")]
    public async Task Search_ControlCharactersInTheWords_AreSeparatorsNotAFailure(string query)
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("search", new SlashOption("query", query));

        // SQLite's FTS5 reads a query as a C string, so a NUL inside a quoted word left it unterminated
        // and the member got "Something went wrong"; PostgreSQL refuses a NUL in text outright.
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.False(reply.IsEphemeral, reply.Content);
        Assert.Equal("Metallic Rouge — Season 1 · 6/10", reply.Embed.GetProperty("fields")[0].GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public void SearchWords_ForEitherDialect_CarryNoControlCharacter()
    {
        const string typed = "immortal\u0000nine \u0007\u202E x\u0085y";

        Assert.Equal("\"immortal\" \"nine\" \"x\" \"y\"", ReviewBot.Core.Answers.SearchQuery.ToMatchExpression(typed));
        Assert.Equal("immortal nine x y", ReviewBot.Core.Answers.SearchQuery.ToPlainWords(typed));
    }

    [Fact]
    public async Task Latest_Count_ListsTheMostRecentReviewsNewestFirst()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, verdict: "8/10"));

        var reply = await bot.SlashAsync("latest", new SlashOption("count", 2));

        var description = reply.Embed.GetProperty("description").GetString()!;
        Assert.Equal("Latest reviews", reply.Embed.GetProperty("title").GetString());
        Assert.Contains("Orbit Gardeners", description, StringComparison.Ordinal);
        Assert.Contains("Metallic Rouge", description, StringComparison.Ordinal);
        Assert.Contains("**8/10**", description, StringComparison.Ordinal);
        Assert.Matches(@"\*\*8/10\*\* · <t:\d+:D>", description);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Latest_LinkWithParentheses_CannotEndTheTitleLinkAndForgeAnother()
    {
        await using var bot = await BotHost.StartAsync();
        // An absolute https address that import accepts: ')' and '[' are legal in a path.
        await bot.ImportAsync(
            """
            ---
            show: Parenthesis Show
            season: 1
            url: https://example.com/a)[Free_Nitro](https://evil.example/)
            published: 2026-01-20
            ---
            ## Episode Guide
            - Episode 1: Open – 3/5
            ## Review
            A show about brackets.
            """);

        var reply = await bot.SlashAsync("latest");

        var description = reply.Embed.GetProperty("description").GetString()!;
        // The masked link's target runs to the first ')', so an unencoded one ends it and what follows
        // is read as Markdown: a second, forged link.
        Assert.DoesNotContain("](https://evil.example/)", description, StringComparison.Ordinal);
        Assert.Contains("[Parenthesis Show — Season 1](https://example.com/a%29[Free_Nitro]%28https://evil.example/%29)", description, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Latest_CountOutOfRange_AnswersEphemerally()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("latest", new SlashOption("count", 50));

        Assert.True(reply.IsEphemeral);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("latest", "\"abc\"")]
    [InlineData("latest", "2.5")]
    [InlineData("top", "1e309")]
    [InlineData("top", "null")]
    public async Task CountThatIsNoWholeNumber_IsRefusedRatherThanReadAsLeftOut(string command, string json)
    {
        // Discord sends an integer option as a whole number; anything else is a stale or forged client,
        // and answering it with the default list would pass over what was asked without a word.
        await using var bot = await BotHost.StartAsync();
        var data = BotHost.SlashData(command);
        data["options"] = System.Text.Json.Nodes.JsonNode.Parse($$"""[{"name":"count","type":4,"value":{{json}}}]""");

        var (id, _) = await bot.DispatchInteractionAsync(ReviewBot.Discord.Interactions.InteractionType.ApplicationCommand, BotHost.ChannelId, data);
        var reply = new InteractionExchange(id, "", await bot.WaitForCallbackAsync(id));

        Assert.True(reply.IsEphemeral);
        Assert.Equal("The count is a whole number from 1 to 10.", reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_ShowTitleWithMarkdown_IsEscapedInTheResult()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Oshi *no* Ko_", 1, 3));

        var reply = await bot.SlashAsync("search", new SlashOption("query", "oshi"));

        var field = reply.Embed.GetProperty("fields")[0];
        Assert.Equal(@"Oshi \*no\* Ko\_ — Season 1 · 7/10", field.GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_AsterisksInTheReviewText_AreEscapedInTheSnippetAndOnlyTheMatchIsBold()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Asterisk Hour", 1, 2).Replace(
            "The animation is consistent", "The **loud** praise and the **quiet** zeppelin are both here; the animation is consistent", StringComparison.Ordinal));

        var reply = await bot.SlashAsync("search", new SlashOption("query", "zeppelin"));

        var value = reply.Embed.GetProperty("fields")[0].GetProperty("value").GetString()!;
        // The search marks its match with bold; the review's own asterisks are text, shown as typed.
        Assert.Contains(@"\*\*quiet\*\* **zeppelin**", value, StringComparison.Ordinal);
        Assert.Contains(@"\*\*loud\*\*", value, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task ShowTitleWithAnUnclosedRightToLeftOverride_CannotReverseWhatTheBotWritesAfterIt()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Mirror \u202EDrama", 1, 3, verdict: "6/10"));

        var search = await bot.SlashAsync("search", new SlashOption("query", "mirror"));
        var latest = await bot.SlashAsync("latest");
        var slug = (await bot.AutocompleteAsync("episode", "show", "mirror")).Data.GetProperty("choices")[0].GetProperty("value").GetString()!;
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 2), new SlashOption("show", slug));

        // U+202E reverses the rest of its line until a POP DIRECTIONAL FORMATTING (U+202C) ends it:
        // without one, "— Season 1 · 6/10" would show as "01/6 · 1 nosaeS —".
        Assert.Equal("Mirror \u202EDrama\u202C — Season 1 · 6/10", search.Embed.GetProperty("fields")[0].GetProperty("name").GetString());
        Assert.Contains("**Mirror \u202EDrama\u202C** — Season 1", latest.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Mirror \u202EDrama\u202C — Season 1", episode.Embed.GetProperty("author").GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Search_OnlySymbols_AsksForWords()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("search", new SlashOption("query", "\"*()"));

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Type a word or two", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }
}
