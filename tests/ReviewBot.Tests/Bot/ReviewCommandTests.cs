using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Bot;

public sealed class ReviewCommandTests
{
    [Fact]
    public async Task Review_SampleShow_RepliesPubliclyAtOnceAndPingsNobody()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.False(reply.IsEphemeral);
        Assert.True(reply.PingsNobody);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_SampleShow_EmbedHasTitleHeadlineVerdictAndAverage()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal("Metallic Rouge — Season 1 Review", reply.Embed.GetProperty("title").GetString());
        Assert.Contains("A sci-fi anime that loses its way", reply.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("**6/10**", reply.Field("Verdict"));
        Assert.Equal("3/5 ★★★☆☆", reply.Field("Average episode"));
    }

    [Fact]
    public async Task Review_SampleShow_GuideListsEveryEpisodeBesideTheBestAndWorst()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        var guide = reply.Field("Episode guide");
        Assert.Contains("Wander In The Labyrinth — 3.5/5 ★★★½☆", guide, StringComparison.Ordinal);
        Assert.Equal(13, guide.Split('\n').Length);
        Assert.Contains(reply.Fields, f => f.Name == "Best");
        Assert.Contains(reply.Fields, f => f.Name == "Worst");
    }

    [Fact]
    public async Task Review_UnknownShow_RepliesEphemerallyWithTheClosestTitle()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metalic rouge"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Contains("Did you mean **Metallic Rouge** (`metallic-rouge`)?", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_UserTextWithMarkdownAndMentions_IsEscapedAndPingsNobody()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "**@everyone** <@123>"));

        Assert.True(reply.IsEphemeral);
        Assert.Contains(@"\*\*@everyone\*\* \<@123>", reply.Content, StringComparison.Ordinal);
        Assert.True(reply.PingsNobody);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_SeasonNotReviewed_SaysWhichSeasonsAre()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"), new SlashOption("season", 3));

        Assert.True(reply.IsEphemeral);
        Assert.Contains("has no Season 3 review. Reviewed: Season 1.", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_WithUrlAuthorAndDate_LinksTheTitleSignsTheFooterAndTagsThePublishedDay()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await AskFrierenAsync(bot);

        Assert.Equal("Frieren — Season 2 Review", reply.Embed.GetProperty("title").GetString());
        Assert.Equal("https://example.com/reviews/frieren-2", reply.Embed.GetProperty("url").GetString());
        Assert.Equal("By Ana Writer", reply.Embed.GetProperty("footer").GetProperty("text").GetString());
        // 20 January 2026 has no time of day, so it is tagged at noon UTC: the same day everywhere from UTC−11 to UTC+11.
        Assert.Equal("<t:1768910400:D>", reply.Field("Published"));
        Assert.False(reply.Embed.TryGetProperty("timestamp", out _));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_MarkdownInTheReview_IsEscapedInHeadlineAndGuide()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await AskFrierenAsync(bot);

        var description = reply.Embed.GetProperty("description").GetString()!;
        Assert.StartsWith(@"**Quiet, \*patient\*, wonderful**", description, StringComparison.Ordinal);
        Assert.Contains(@"\~\~nothing\~\~", description, StringComparison.Ordinal);
        Assert.Contains(@"A Small\_Village\_ — 2/5 ★★☆☆☆", reply.Field("Episode guide"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_VerdictFirstInline_ThenBestAndWorstEpisodes()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await AskFrierenAsync(bot);

        Assert.Equal(("Verdict", "**9/10**"), reply.Fields[0]);
        Assert.True(reply.Embed.GetProperty("fields")[0].GetProperty("inline").GetBoolean());
        Assert.Contains("The Journey Resumes — 4.5/5 ★★★★½", reply.Field("Episode guide"), StringComparison.Ordinal);
        Assert.Contains("The Journey Resumes", reply.Field("Best"), StringComparison.Ordinal);
        Assert.Contains("Small", reply.Field("Worst"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Review_WithUrl_OffersReadTheFullReviewAsALinkButton()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await AskFrierenAsync(bot);

        var button = reply.FirstComponent;
        Assert.Equal((int)ButtonStyle.Link, button.GetProperty("style").GetInt32());
        Assert.Equal("Read the full review", button.GetProperty("label").GetString());
        Assert.Equal("https://example.com/reviews/frieren-2", button.GetProperty("url").GetString());
        bot.AssertEveryRequestValid();
    }

    /// <summary>Imports a review with a url, an author, a date and Markdown in its text, and asks /review for it.</summary>
    private static async Task<InteractionExchange> AskFrierenAsync(BotHost bot)
    {
        await bot.ImportAsync("""
            ---
            show: Frieren
            season: 2
            headline: "Quiet, *patient*, wonderful"
            verdict: 9/10
            url: https://example.com/reviews/frieren-2
            author: Ana Writer
            published: 2026-01-20
            ---

            ## Episode Guide

            - Episode 1: The Journey Resumes – 4.5/5
            - Episode 2: A Small_Village_ – 2/5

            ## Review

            The second season keeps its calm. Episode 2 is the quietest of all, and ~~nothing~~ is rushed.
            """);

        return await bot.SlashAsync("review", new SlashOption("show", "frieren"));
    }

    [Fact]
    public async Task Review_WithoutUrl_HasNoLinkButtonAndNoTitleLink()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.False(reply.Embed.TryGetProperty("url", out _));
        // Only the rating menu: no link button.
        var components = reply.Data.GetProperty("components").EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray()).ToList();
        Assert.DoesNotContain(components, c => c.GetProperty("type").GetInt32() == 2);
        Assert.Equal(3, Assert.Single(components).GetProperty("type").GetInt32());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_MissingShowFromAStaleClient_SaysHowToAsk()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review");

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Contains("/review show:metallic-rouge", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    /// <summary>Whatever import stores can be asked for: the option's range is import's (seasons 1 to 1,000).</summary>
    [Fact]
    public async Task Review_HighestSeasonImportAccepts_IsOfferedAndAnswered()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Long Runner", 1000, 3));

        var reply = await bot.SlashAsync("review", new SlashOption("show", "long-runner"), new SlashOption("season", 1000));

        Assert.False(reply.IsEphemeral, reply.Content);
        Assert.Equal("Long Runner — Season 1000 Review", reply.Embed.GetProperty("title").GetString());
        Assert.Equal(1000d, ReviewBot.Reviews.ReviewCommand.Command.Options!.Single(o => o.Name == "season").MaxValue);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_SeasonZeroFromAStaleClient_SaysTheValidRange()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"), new SlashOption("season", 0));

        Assert.True(reply.IsEphemeral);
        Assert.Equal("The season is a whole number from 1 to 1,000.", reply.Content);
        bot.AssertEveryRequestValid();
    }
}
