using Microsoft.Extensions.DependencyInjection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
    public async Task Rate_AnswerFilledToTheEmbedTotal_EveryLaterScoreStillFitsTheMessage()
    {
        // A press updates the message Discord sent, field for field, without building it again, so a
        // /review answer filled to the 6000 characters of a message's embeds must leave room for the
        // longest score its Community field can come to: "1 rating" becoming "10 ratings", "9.0" "10.0".
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(FullAnswerReview());
        var reply = await bot.SlashAsync("review", new SlashOption("show", "full-house"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));
        await bot.SelectOnAsync(reply.Data, menu, "10");
        var rated = await bot.SlashAsync("review", new SlashOption("show", "full-house"));
        Assert.Equal("**10.0**/10 · 1 rating", Community(rated));
        Assert.InRange(EmbedTotal(rated.Embed), 5900, 6000);

        var pressed = rated;
        for (ulong member = 1; member < 10; member++)
        {
            pressed = await bot.SelectOnAsync(pressed.Data, menu, "10", userId: BotHost.UserId + member);
            Assert.Equal(InteractionCallbackType.UpdateMessage, pressed.Type);
        }

        Assert.Equal("**10.0**/10 · 10 ratings", Community(pressed));
        Assert.InRange(EmbedTotal(pressed.Embed), 1, 6000);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_MessageFilledToTheEmbedTotalWithoutRoomForTheScore_ItsDescriptionGivesWay()
    {
        // A message sent before answers kept room for the score (or with every character used) would
        // be refused whole by Discord for one character more: the description gives way instead.
        await using var bot = await BotHost.StartAsync();
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));
        var rated = await bot.SelectOnAsync(reply.Data, menu, "9");
        var full = JsonNode.Parse(rated.Data.GetRawText())!;
        var embed = full["embeds"]![0]!;
        var description = embed["description"]!.GetValue<string>();
        var missing = 6000 - EmbedTotal(rated.Embed);
        var intoDescription = Math.Min(missing, 4096 - description.Length);
        embed["description"] = description + new string('z', intoDescription);
        embed["footer"] = new JsonObject { ["text"] = new string('y', missing - intoDescription) };
        using var filled = JsonDocument.Parse(full.ToJsonString());
        Assert.Equal(6000, EmbedTotal(filled.RootElement.GetProperty("embeds")[0]));

        var second = await bot.SelectOnAsync(filled.RootElement, menu, "9", userId: BotHost.UserId + 1);

        Assert.Equal(InteractionCallbackType.UpdateMessage, second.Type);
        Assert.Equal("**9.0**/10 · 2 ratings", Community(second));
        Assert.Equal(6000, EmbedTotal(second.Embed));
        Assert.StartsWith(description, second.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
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

    /// <summary>
    /// A review whose /review answer fills an embed's 6000 characters: the longest title, headline and
    /// author, 200 long episode lines and a summary with no word break, which the description is cut
    /// to the character.
    /// </summary>
    private static string FullAnswerReview()
    {
        var review = new StringBuilder();
        review.AppendLine("---").AppendLine("show: Full House").AppendLine("season: 1");
        review.AppendLine($"headline: \"{Repeat("Every *word* of_this headline ", 1000)}\"").AppendLine("verdict: 7/10");
        review.AppendLine($"author: {Repeat("Ana Writer ", 1000)}").AppendLine("published: 2026-01-20").AppendLine("---");
        review.AppendLine("## Episode Guide");
        for (var n = 1; n <= 200; n++)
        {
            review.AppendLine($"- Episode {n}: {Repeat($"Part {n} *of* the_long [road] ", 500)} – 3/5");
        }

        review.AppendLine("## Review").Append("Unbroken").Append('*', 300).Append('z', 280).AppendLine(".");
        return review.ToString();
    }

    private static string Repeat(string words, int length)
    {
        var text = new StringBuilder();
        while (text.Length < length)
        {
            text.Append(words);
        }

        return text.ToString(0, length).TrimEnd();
    }

    /// <summary>What Discord counts toward a message's 6000 characters of embeds, for one embed.</summary>
    private static int EmbedTotal(JsonElement embed)
    {
        int Length(JsonElement element, string property) => element.TryGetProperty(property, out var value) ? value.GetString()!.Trim().Length : 0;
        var total = Length(embed, "title") + Length(embed, "description");
        foreach (var field in embed.TryGetProperty("fields", out var fields) ? fields.EnumerateArray() : default)
        {
            total += Length(field, "name") + Length(field, "value");
        }

        total += embed.TryGetProperty("footer", out var footer) ? Length(footer, "text") : 0;
        return total + (embed.TryGetProperty("author", out var author) ? Length(author, "name") : 0);
    }

    private static string Community(InteractionExchange exchange) =>
        exchange.Embed.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Community").GetProperty("value").GetString()!;

    private static List<string> SelectOptions(JsonElement data, string customId) =>
        data.GetProperty("components").EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray())
            .Single(c => c.TryGetProperty("custom_id", out var id) && id.GetString() == customId)
            .GetProperty("options").EnumerateArray().Select(o => o.GetProperty("value").GetString()!).ToList();
}
