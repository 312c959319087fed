using System.Text.Json.Nodes;
using ReviewBot.Reviews;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Bot;

public sealed class EpisodeCommandTests
{
    [Fact]
    public async Task Episode_WithShow_ShowsTitleScoreMentionsAndButtons()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 9), new SlashOption("show", "metallic-rouge"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.Equal("Episode 9: The Ones Who Visited", reply.Embed.GetProperty("title").GetString());
        Assert.Equal("3/5 ★★★☆☆", reply.Embed.GetProperty("fields")[0].GetProperty("value").GetString());
        Assert.Contains("episode nine", reply.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, reply.CustomIds.Count);
        Assert.Matches(@"^ep:\d+:1:8$", reply.CustomIds[0]);
        Assert.Matches(@"^ep:\d+:1:10$", reply.CustomIds[1]);
        Assert.Matches(@"^rv:\d+:1$", reply.CustomIds[2]);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_WithoutShow_UsesTheShowLastAskedAboutInThisChannel()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12));
        await bot.SlashAsync("review", new SlashOption("show", "orbit-gardeners"));

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 9));

        Assert.Equal("Episode 9: Chapter 9", reply.Embed.GetProperty("title").GetString());
        Assert.Equal("Orbit Gardeners — Season 1", reply.Embed.GetProperty("author").GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_MissingFromAGuideThatSkipsIt_SaysTheGuideSkipsIt()
    {
        // "has episodes 1–12; there is no episode 5" reads as a contradiction when 5 is inside the range.
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(
            """
            ---
            show: Gap Tooth
            season: 1
            ---
            ## Episode Guide
            - Episode 1: One – 3/5
            - Episode 12: Twelve – 4/5
            ## Review
            Only the ends are reviewed.
            """);

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 5), new SlashOption("show", "gap-tooth"));

        Assert.True(reply.IsEphemeral);
        Assert.Equal("**Gap Tooth** Season 1 has episodes 1–12, but its guide skips episode 5.", reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_OutOfRange_SaysTheValidRange()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 14), new SlashOption("show", "metallic-rouge"));

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Season 1 has episodes 1–13; there is no episode 14.", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    /// <summary>Whatever import stores can be asked for: episodes 1 to 10,000, in seasons 1 to 1,000.</summary>
    [Fact]
    public async Task Episode_HighestNumberAndSeasonImportAccepts_AreOfferedAndAnswered()
    {
        await using var bot = await BotHost.StartAsync();
        var text = TestReviews.Plain("Long Runner", 1000, 2).Replace("Episode 2: Chapter 2", "Episode 10000: Chapter Ten Thousand", StringComparison.Ordinal);
        await bot.ImportAsync(text);

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 10000), new SlashOption("show", "long-runner"), new SlashOption("season", 1000));

        Assert.False(reply.IsEphemeral, reply.Content);
        Assert.Equal("Episode 10000: Chapter Ten Thousand", reply.Embed.GetProperty("title").GetString());
        var options = ReviewBot.Reviews.EpisodeCommand.Command.Options!;
        Assert.Equal(10000d, options.Single(o => o.Name == "number").MaxValue);
        Assert.Equal(1000d, options.Single(o => o.Name == "season").MaxValue);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_UnknownShow_SuggestsTheClosestTitle()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 2), new SlashOption("show", "rouge metalic"));

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Metallic Rouge", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_BadNumberFromAStaleClient_AnswersEphemerally()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("episode", new SlashOption("number", 0), new SlashOption("show", "metallic-rouge"));

        Assert.True(reply.IsEphemeral);
        Assert.Equal("The episode number is a whole number from 1 to 10,000, e.g. `/episode 9`.", reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData(10001, null, "The episode number is a whole number from 1 to 10,000, e.g. `/episode 9`.")]
    [InlineData(9, 1001, "The season is a whole number from 1 to 1,000.")]
    [InlineData(9, 0, "The season is a whole number from 1 to 1,000.")]
    public async Task Episode_NumberOrSeasonOutOfRangeFromAStaleClient_SaysWhichOptionAndItsRange(int number, int? season, string expected)
    {
        // One answer for both said "1 or more" for each, which 10,001 is, and did not say which was wrong.
        await using var bot = await BotHost.StartAsync();
        SlashOption[] options = season is { } s
            ? [new SlashOption("number", number), new SlashOption("show", "metallic-rouge"), new SlashOption("season", s)]
            : [new SlashOption("number", number), new SlashOption("show", "metallic-rouge")];

        var reply = await bot.SlashAsync("episode", options);

        Assert.True(reply.IsEphemeral);
        Assert.Equal(expected, reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_SeveralShowsHaveIt_AsksWhichShowThenAnswersInPlace()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12));

        var question = await bot.SlashInAsync(BotHost.ChannelId + 7, "episode", new SlashOption("number", 9));

        Assert.True(question.IsEphemeral);
        Assert.Equal("Several shows have an episode 9. Which show?", question.Content);
        var select = question.Data.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal((int)ComponentType.StringSelect, select.GetProperty("type").GetInt32());
        var options = select.GetProperty("options").EnumerateArray().ToList();
        Assert.Equal(2, options.Count);
        var orbit = options.Single(o => o.GetProperty("label").GetString() == "Orbit Gardeners — Season 1");

        var answer = await bot.ClickAsync(select.GetProperty("custom_id").GetString()!, orbit.GetProperty("value").GetString()!);

        Assert.Equal(InteractionCallbackType.UpdateMessage, answer.Type);
        Assert.Equal("Episode 9: Chapter 9", answer.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_WhichShowMenuWithALongTitleAndAnOpenOverride_KeepsEachLabelsSeasonWholeAndReadingForwards()
    {
        // A label is at most 100 characters: a long title gives way to the season that says which
        // review the pick opens, and a right-to-left override it leaves open is closed before the season.
        await using var bot = await BotHost.StartAsync();
        var title = "\u202E" + string.Join(' ', Enumerable.Repeat("Longwinded", 14));
        await bot.ImportAsync(TestReviews.Plain(title, 2, 12));

        var question = await bot.SlashInAsync(BotHost.ChannelId + 8, "episode", new SlashOption("number", 9));

        var labels = question.Data.GetProperty("components")[0].GetProperty("components")[0].GetProperty("options")
            .EnumerateArray().Select(o => o.GetProperty("label").GetString()!).ToList();
        var label = Assert.Single(labels, l => l.StartsWith('\u202E'));
        Assert.InRange(label.Length, 1, 100);
        Assert.EndsWith("\u2026\u202C — Season 2", label, StringComparison.Ordinal);
        Assert.Contains("Metallic Rouge — Season 1", labels);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_MoreShowsHaveItThanTheMenuHolds_SaysHowManyAreNotListedAndHowToReachThem()
    {
        await using var bot = await BotHost.StartAsync();
        for (var i = 0; i < 27; i++)
        {
            await bot.ImportAsync(TestReviews.Plain($"Crowded Show {i + 1}", 1, 1));
        }

        var question = await bot.SlashInAsync(BotHost.ChannelId + 7, "episode", new SlashOption("number", 1));

        // The sample and 27 more: the menu holds 25.
        var options = question.Data.GetProperty("components")[0].GetProperty("components")[0].GetProperty("options");
        Assert.Equal(25, options.GetArrayLength());
        Assert.Equal(
            "Several shows have an episode 1. Which show? The 25 newest are listed; for the other 3, name the show with the `show` option.",
            question.Content);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task EpisodeButtons_NextPreviousAndWholeReview_UpdateTheMessageInPlace()
    {
        await using var bot = await BotHost.StartAsync();
        var first = await bot.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "metallic-rouge"));

        var next = await bot.ClickAsync(first.CustomIds[1]);

        Assert.Equal(InteractionCallbackType.UpdateMessage, next.Type);
        Assert.Equal("Episode 13: Code Eve", next.Embed.GetProperty("title").GetString());
        var nextButton = next.Data.GetProperty("components")[0].GetProperty("components")[1];
        Assert.True(nextButton.GetProperty("disabled").GetBoolean());

        var previous = await bot.ClickAsync(next.CustomIds[0]);
        Assert.Equal(InteractionCallbackType.UpdateMessage, previous.Type);
        Assert.Equal("Episode 12: Masked Graveyard", previous.Embed.GetProperty("title").GetString());

        var whole = await bot.ClickAsync(previous.CustomIds[2]);
        Assert.Equal(InteractionCallbackType.UpdateMessage, whole.Type);
        Assert.Equal("Metallic Rouge — Season 1 Review", whole.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task ModalSubmit_TheBotNeverOpened_IsAnsweredThatItExpired()
    {
        // The bot opens no modal, so a submit comes from a form of an earlier build or a forged payload;
        // unanswered, Discord shows the member "Something went wrong" after three seconds.
        await using var bot = await BotHost.StartAsync();
        var (id, _) = await bot.DispatchInteractionAsync(InteractionType.ModalSubmit, BotHost.ChannelId, new JsonObject
        {
            ["custom_id"] = "rate:1",
            ["components"] = new JsonArray(),
        });

        var reply = await bot.WaitForCallbackAsync(id);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, BotHost.CallbackType(reply));
        var data = reply.Body!.Value.GetProperty("data");
        Assert.True(BotHost.IsEphemeral(data));
        Assert.Contains("expired", data.GetProperty("content").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Button_UnknownPrefix_SaysItExpired()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.ClickAsync("gone:1");

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Contains("expired", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_WithoutShowInANewChannel_AnswersWithTheOnlyShowThatHasIt()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashInAsync(BotHost.ChannelId + 11, "episode", new SlashOption("number", 2));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.False(reply.IsEphemeral, reply.Content);
        Assert.Equal("Episode 2: Wander In The Labyrinth", reply.Embed.GetProperty("title").GetString());
        Assert.Equal("3.5/5 ★★★½☆", reply.Embed.GetProperty("fields")[0].GetProperty("value").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_ContextOfOneChannel_IsNotUsedInAnother()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12));
        var asked = BotHost.ChannelId + 21;
        var other = BotHost.ChannelId + 22;
        await bot.SlashInAsync(asked, "review", new SlashOption("show", "orbit-gardeners"));

        var elsewhere = await bot.SlashInAsync(other, "episode", new SlashOption("number", 9));
        var here = await bot.SlashInAsync(asked, "episode", new SlashOption("number", 9));

        Assert.True(elsewhere.IsEphemeral);
        Assert.Equal("Several shows have an episode 9. Which show?", elsewhere.Content);
        Assert.Equal("Orbit Gardeners — Season 1", here.Embed.GetProperty("author").GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_NumberNoShowHas_SaysToNameTheShow()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashInAsync(BotHost.ChannelId + 31, "episode", new SlashOption("number", 400));

        Assert.True(reply.IsEphemeral);
        Assert.Contains("No reviewed show has an episode 400", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("ep:999999:1:2", "That show is no longer reviewed here.")]
    [InlineData("rv:999999:1", "That show is no longer reviewed here.")]
    public async Task Button_ForAShowThatIsGone_AnswersEphemerallyAndLeavesTheMessage(string customId, string expected)
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.ClickAsync(customId);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type); // a new ephemeral message, not an update of the message with the button
        Assert.True(reply.IsEphemeral);
        Assert.Equal(expected, reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("ep:not-a-number", "/episode")]
    [InlineData("ep:metallic-rouge:1:3", "/episode")]
    [InlineData("ep:1:1", "/episode")]
    [InlineData("ep:1:1:99999999999", "/episode")]
    [InlineData("rv:metallic-rouge:1", "/review")]
    [InlineData("rv:", "/review")]
    public async Task Button_WhoseCustomIdTheBotCannotRead_SaysItIsFromAnOlderMessageAndToRunTheCommandAgain(string customId, string command)
    {
        // Metallic Rouge is reviewed here: a button of another shape (an older build's slug in place of the
        // show's id) must not tell the member that it is gone.
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.ClickAsync(customId);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Equal($"This button is from an older message the bot can no longer read; run `{command}` again.", reply.Content);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task WhichShow_ForgedValue_AsksToRunTheCommandAgain()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.ClickAsync("which:9", "999999:1");

        Assert.True(reply.IsEphemeral);
        Assert.Contains("run `/episode` again", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }
}
