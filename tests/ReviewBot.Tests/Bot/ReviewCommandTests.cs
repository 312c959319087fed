using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

public sealed class ReviewCommandTests
{
    [Fact]
    public async Task Review_SampleShow_RepliesWithTheReviewEmbedAtOnce()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(4, reply.Type);
        Assert.False(reply.IsEphemeral);
        var embed = reply.Embed;
        Assert.Equal("Metallic Rouge — Season 1 Review", embed.GetProperty("title").GetString());
        Assert.Contains("A sci-fi anime that loses its way", embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        var fields = embed.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("value").GetString()!);
        Assert.Equal("**6/10**", fields["Verdict"]);
        Assert.Equal("3/5 ★★★☆☆", fields["Average episode"]);
        Assert.Contains("Wander In The Labyrinth — 3.5/5 ★★★½☆", fields["Episode guide"], StringComparison.Ordinal);
        Assert.Equal(13, fields["Episode guide"].Split('\n').Length);
        Assert.Contains("Best", fields.Keys);
        Assert.Contains("Worst", fields.Keys);
        Assert.Empty(reply.Data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_UnknownShow_RepliesEphemerallyWithTheClosestTitle()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metalic rouge"));

        Assert.Equal(4, reply.Type);
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
        Assert.Empty(reply.Data.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
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
    public async Task Review_WithUrlAuthorAndDate_LinksTheTitleSignsTheFooterAndOffersReadTheFullReview()
    {
        await using var bot = await BotHost.StartAsync();
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

        var reply = await bot.SlashAsync("review", new SlashOption("show", "frieren"));

        var embed = reply.Embed;
        Assert.Equal("Frieren — Season 2 Review", embed.GetProperty("title").GetString());
        Assert.Equal("https://example.com/reviews/frieren-2", embed.GetProperty("url").GetString());
        Assert.Equal("By Ana Writer", embed.GetProperty("footer").GetProperty("text").GetString());
        var description = embed.GetProperty("description").GetString()!;
        Assert.StartsWith(@"**Quiet, \*patient\*, wonderful**", description, StringComparison.Ordinal);
        Assert.Contains(@"\~\~nothing\~\~", description, StringComparison.Ordinal);
        var fields = embed.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(("Verdict", "**9/10**"), (fields[0].GetProperty("name").GetString(), fields[0].GetProperty("value").GetString()));
        Assert.True(fields[0].GetProperty("inline").GetBoolean());
        // 20 January 2026 has no time of day, so it is tagged at noon UTC: the same day everywhere from UTC−11 to UTC+11.
        Assert.Equal("<t:1768910400:D>", fields.Single(f => f.GetProperty("name").GetString() == "Published").GetProperty("value").GetString());
        Assert.False(embed.TryGetProperty("timestamp", out _));
        var guide = fields.Single(f => f.GetProperty("name").GetString() == "Episode guide").GetProperty("value").GetString()!;
        Assert.Contains(@"A Small\_Village\_ — 2/5 ★★☆☆☆", guide, StringComparison.Ordinal);
        Assert.Contains("The Journey Resumes — 4.5/5 ★★★★½", guide, StringComparison.Ordinal);
        Assert.Contains("The Journey Resumes", fields.Single(f => f.GetProperty("name").GetString() == "Best").GetProperty("value").GetString(), StringComparison.Ordinal);
        Assert.Contains("Small", fields.Single(f => f.GetProperty("name").GetString() == "Worst").GetProperty("value").GetString(), StringComparison.Ordinal);

        var button = reply.Data.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal(5, button.GetProperty("style").GetInt32()); // link
        Assert.Equal("Read the full review", button.GetProperty("label").GetString());
        Assert.Equal("https://example.com/reviews/frieren-2", button.GetProperty("url").GetString());
        bot.AssertEveryRequestValid();
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

        Assert.Equal(4, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Contains("/review show:metallic-rouge", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_SeasonZeroFromAStaleClient_SaysTheValidRange()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"), new SlashOption("season", 0));

        Assert.True(reply.IsEphemeral);
        Assert.Equal("The season is a whole number from 1 to 100.", reply.Content);
        bot.AssertEveryRequestValid();
    }
}
