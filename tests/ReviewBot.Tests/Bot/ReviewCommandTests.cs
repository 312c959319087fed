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
}
