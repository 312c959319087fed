using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>Members rate a season under /review; the message shows the community score, updated in place.</summary>
public sealed class CommunityRatingTests
{
    [Fact]
    public async Task Review_Reply_ShowsTheCommunityBesideTheVerdictAndARatingMenu()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        var fields = reply.Embed.GetProperty("fields").EnumerateArray().ToList();
        Assert.Equal(("Verdict", "Community"), (fields[0].GetProperty("name").GetString(), fields[1].GetProperty("name").GetString()));
        Assert.Equal("No ratings yet: rate below", fields[1].GetProperty("value").GetString());
        Assert.True(fields[1].GetProperty("inline").GetBoolean());
        var menu = Assert.Single(reply.CustomIds, id => id.StartsWith("rate:", StringComparison.Ordinal));
        var options = SelectOptions(reply.Data, menu);
        Assert.Equal(["10", "9", "8", "7", "6", "5", "4", "3", "2", "1", "remove"], options);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_PickingAndChangingAndRemoving_UpdatesTheMessageInPlaceWithNoOtherRequest()
    {
        await using var bot = await BotHost.StartAsync();
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));
        var before = bot.Discord.Requests.Count;

        var first = await bot.SelectOnAsync(reply.Data, menu, "8");
        var second = await bot.SelectOnAsync(first.Data, menu, "6", userId: BotHost.UserId + 1);
        var changed = await bot.SelectOnAsync(second.Data, menu, "10", userId: BotHost.UserId + 1);
        var removed = await bot.SelectOnAsync(changed.Data, menu, "remove");

        Assert.All(new[] { first, second, changed, removed }, r => Assert.Equal(InteractionCallbackType.UpdateMessage, r.Type));
        Assert.Equal("**8.0**/10 · 1 rating", Community(first));
        Assert.Equal("**7.0**/10 · 2 ratings", Community(second));
        Assert.Equal("**9.0**/10 · 2 ratings", Community(changed));
        Assert.Equal("**10.0**/10 · 1 rating", Community(removed));
        // The rest of the embed is the message as it was.
        Assert.Equal(reply.Embed.GetProperty("title").GetString(), removed.Embed.GetProperty("title").GetString());
        Assert.Equal(reply.Embed.GetProperty("fields").GetArrayLength(), removed.Embed.GetProperty("fields").GetArrayLength());
        // Four presses, four answers: nothing else went to Discord.
        Assert.Equal(4, bot.Discord.Requests.Count - before);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_MenuOfAnotherReviewPressedOnThisMessage_RatesThatReviewWithoutShowingItsScoreHere()
    {
        // A custom_id that is not on the pressed message (forged, or from another message) names another
        // review: the rating is the member's for that review, as from its own menu, but this message
        // shows this review's score and must not be given the other's.
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Other Orbit", 1, 3));
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var other = await bot.SlashAsync("review", new SlashOption("show", "other-orbit"));
        var otherMenu = other.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));

        var rated = await bot.SelectOnAsync(reply.Data, otherMenu, "9");

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, rated.Type);
        Assert.True(rated.IsEphemeral);
        Assert.StartsWith("You rated it 9/10. Community: **9.0**/10 · 1 rating", rated.Content, StringComparison.Ordinal);
        var again = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        Assert.Equal("No ratings yet: rate below", Community(again));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_PressedMessageWithoutEmbedsOrComponents_IsStoredAndAnsweredToTheRater()
    {
        // A message object that lists no embeds or components has no Community field to update: the
        // rating is still stored and the rater told, rather than the press failing with "Something went
        // wrong" (the absent lists were read as null).
        await using var bot = await BotHost.StartAsync();
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));

        var rated = await bot.ClickAsync(menu, "7");

        Assert.True(rated.IsEphemeral);
        Assert.StartsWith("You rated it 7/10. Community: **7.0**/10 · 1 rating", rated.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_AfterARestart_TheRatingIsStillCounted()
    {
        await using var bot = await BotHost.StartAsync();
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.SelectOnAsync(reply.Data, reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal)), "9");
        await bot.StopAsync();

        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT rating FROM community_ratings";
        Assert.Equal(9L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Rate_AReviewThatDoesNotExist_IsRefusedAndKeepsWhatIsKept()
    {
        // A menu for a review that is gone (or a forged custom_id) changes nothing, so it must not drop
        // every version kept in memory either, as a rating does.
        await using var bot = await BotHost.StartAsync();
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var versions = bot.Services.GetRequiredService<ReviewBot.Core.Answers.ReviewVersionCache>();
        var kept = versions.Count;

        var refused = await bot.SelectOnAsync(reply.Data, "rate:999999", "7");

        Assert.True(refused.IsEphemeral);
        Assert.Contains("no longer here", refused.Content, StringComparison.Ordinal);
        Assert.True(kept > 0);
        Assert.Equal(kept, versions.Count);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_SomethingThatIsNotARating_IsRefusedOnlyToThePresser()
    {
        await using var bot = await BotHost.StartAsync();
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));

        var refused = await bot.SelectOnAsync(reply.Data, menu, "11");

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, refused.Type);
        Assert.True(refused.IsEphemeral);
        Assert.Contains("1 to 10", refused.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Top_ListsByVerdictAndByCommunityAndSaysTheMinimum()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, verdict: "8/10"));
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));
        for (ulong member = 0; member < 3; member++)
        {
            reply = await bot.SelectOnAsync(reply.Data, menu, "9", userId: BotHost.UserId + member);
        }

        var top = await bot.SlashAsync("top");

        var fields = top.Embed.GetProperty("fields").EnumerateArray().ToList();
        var byVerdict = fields[0].GetProperty("value").GetString()!.Split('\n');
        Assert.StartsWith("` 1.` **Orbit Gardeners** S1 · **8/10**", byVerdict[0], StringComparison.Ordinal);
        Assert.StartsWith("` 2.` **Metallic Rouge** S1 · **6/10** · community 9.0/10 (3 ratings)", byVerdict[1], StringComparison.Ordinal);
        Assert.Equal("By the community (at least 3 ratings)", fields[1].GetProperty("name").GetString());
        Assert.Equal("` 1.` **Metallic Rouge** S1 · **9.0/10 (3 ratings)** · verdict 6/10", fields[1].GetProperty("value").GetString());
        bot.AssertEveryRequestValid();
    }

    private static string Community(InteractionExchange exchange) =>
        exchange.Embed.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Community").GetProperty("value").GetString()!;

    private static List<string> SelectOptions(JsonElement data, string customId) =>
        data.GetProperty("components").EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray())
            .Single(c => c.TryGetProperty("custom_id", out var id) && id.GetString() == customId)
            .GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()!).ToList();
}
