using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// /review and /episode answers are built once per version of what they show and reused: the same
/// question gets the same body, and any change to what the answer shows (an edit, a rating, the chart
/// allowed or not, another episode, another review) gets a new one.
/// </summary>
public sealed class KeptAnswerTests
{
    private const ulong OtherChannel = BotHost.ChannelId + 40;

    [Fact]
    public async Task Review_AskedTwiceByDifferentMembersInDifferentChannels_SendsTheSameBodyWithNothingOfEitherAsker()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;

        // An answer is kept from its second ask on.
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var first = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var (secondId, secondToken, payload) = bot.InteractionPayload(
            InteractionType.ApplicationCommand, OtherChannel, BotHost.SlashData("review", new SlashOption("show", "Metallic Rouge")), userId: BotHost.UserId + 7);
        await bot.Discord.DispatchAsync("INTERACTION_CREATE", payload);
        var second = await bot.WaitForCallbackAsync(secondId);

        // One body, serialised once: even the multipart boundary is the same.
        Assert.Equal(first.Callback.Header("Content-Type"), second.Header("Content-Type"));
        Assert.Equal(first.Callback.BodyText, second.BodyText);
        Assert.Equal(first.Callback.Files.Single().Content, second.Files.Single().Content);
        foreach (var personal in new[]
        {
            first.InteractionId, first.Token, secondId, secondToken,
            BotHost.UserId.ToString(CultureInfo.InvariantCulture), (BotHost.UserId + 7).ToString(CultureInfo.InvariantCulture),
            BotHost.ChannelId.ToString(CultureInfo.InvariantCulture), OtherChannel.ToString(CultureInfo.InvariantCulture),
        })
        {
            Assert.DoesNotContain(personal, second.BodyText!, StringComparison.Ordinal);
        }

        // Each answer still goes to its own interaction.
        Assert.Contains($"/interactions/{secondId}/{secondToken}/callback", second.Path, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_AskedOnce_IsNotKept_AndFromItsSecondAskOnIsKept()
    {
        await using var bot = await BotHost.StartAsync();
        using var answers = new MetricCollector<long>(bot.Services.GetRequiredService<IMeterFactory>(), InteractionMetrics.MeterName, AnswerCache.AnswersInstrument);

        var first = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var second = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var third = await bot.SlashAsync("review", new SlashOption("show", "Metallic Rouge"));
        await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "metallic-rouge"));
        await bot.SlashAsync("episode", new SlashOption("number", 4), new SlashOption("show", "metallic-rouge"));
        await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "metallic-rouge"));
        await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "metallic-rouge"));

        Assert.Equal(
            ["built", "built", "kept", "stored", "stored", "stored", "kept"],
            answers.GetMeasurementSnapshot().Select(m => (string?)m.Tags["from"]));
        Assert.Equal(first.Embed.GetRawText(), second.Embed.GetRawText());
        Assert.Equal(second.Callback.BodyText, third.Callback.BodyText);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_AfterTheReviewIsEdited_AnswersTheEditNotTheKeptAnswer()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, headline: "Slow but kind"), key: "orbit");
        await bot.SlashAsync("review", new SlashOption("show", "orbit-gardeners"));
        var before = await bot.SlashAsync("review", new SlashOption("show", "orbit-gardeners"));

        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, headline: "Slow, kind and worth it", verdict: "9/10"), key: "orbit");
        var after = await bot.SlashAsync("review", new SlashOption("show", "orbit-gardeners"));

        Assert.Contains("Slow but kind", before.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("Slow, kind and worth it", after.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("**9/10**", after.Field("Verdict"));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_AfterTheReviewIsEdited_QuotesTheEditNotTheKeptAnswer()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12), key: "orbit");
        await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "orbit-gardeners"));
        var before = await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "orbit-gardeners"));

        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, title: n => $"Renamed {n}"), key: "orbit");
        var after = await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "orbit-gardeners"));

        Assert.Equal("Episode 3: Chapter 3", before.Embed.GetProperty("title").GetString());
        Assert.Equal("Episode 3: Renamed 3", after.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_AfterEachRating_ShowsTheCommunityScoreAsItIsNow()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var menu = reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));

        await bot.SelectOnAsync(reply.Data, menu, "8");
        var oneRating = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.SelectOnAsync(reply.Data, menu, "6");
        var changedRating = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.SelectOnAsync(reply.Data, menu, "remove");
        var noRating = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal("No ratings yet: rate below", reply.Field("Community"));
        Assert.Equal("**8.0**/10 · 1 rating", oneRating.Field("Community"));
        Assert.Equal("**6.0**/10 · 1 rating", changedRating.Field("Community"));
        Assert.Equal("No ratings yet: rate below", noRating.Field("Community"));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task TwoReviewsAndTwoEpisodes_NeverShareABody()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12));

        var rouge = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var orbit = await bot.SlashAsync("review", new SlashOption("show", "orbit-gardeners"));
        var rougeAgain = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var third = await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "orbit-gardeners"));
        var fourth = await bot.SlashAsync("episode", new SlashOption("number", 4), new SlashOption("show", "orbit-gardeners"));

        Assert.StartsWith("Metallic Rouge", rouge.Embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Orbit Gardeners", orbit.Embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(rouge.Callback.BodyText, rougeAgain.Callback.BodyText);
        Assert.Equal("Episode 3: Chapter 3", third.Embed.GetProperty("title").GetString());
        Assert.Equal("Episode 4: Chapter 4", fourth.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_WhereFilesAreAllowedAndThenNot_AttachesTheChartOnlyWhereAllowed()
    {
        await using var bot = await BotHost.StartAsync();

        bot.AppPermissions = BotHost.WithAttachFiles;
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var withChart = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        bot.AppPermissions = BotHost.WithoutAttachFiles;
        var withoutChart = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        bot.AppPermissions = BotHost.WithAttachFiles;
        var withChartAgain = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Single(withChart.Callback.Files);
        Assert.Empty(withoutChart.Callback.Files);
        Assert.False(withoutChart.Embed.TryGetProperty("image", out _));
        Assert.Single(withChartAgain.Callback.Files);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_AnEphemeralAnswerBetweenKeptOnes_StaysEphemeralAndTheKeptOnesStayPublic()
    {
        await using var bot = await BotHost.StartAsync();

        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var found = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var notFound = await bot.SlashAsync("review", new SlashOption("show", "no such show at all"));
        var foundAgain = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var noSeason = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"), new SlashOption("season", 7));

        Assert.False(found.IsEphemeral);
        Assert.True(notFound.IsEphemeral);
        Assert.False(foundAgain.IsEphemeral);
        Assert.True(noSeason.IsEphemeral);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, foundAgain.Type);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task WholeReviewButton_AfterTheCommandWasAnswered_UpdatesTheMessageInsteadOfSendingTheCommandsBody()
    {
        await using var bot = await BotHost.StartAsync();
        var command = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "metallic-rouge"));

        var button = await bot.ClickAsync(episode.CustomIds.Single(id => id.StartsWith("rv:", StringComparison.Ordinal)));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, command.Type);
        Assert.Equal(InteractionCallbackType.UpdateMessage, button.Type);
        Assert.Equal(command.Embed.GetProperty("title").GetString(), button.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_WithoutAShow_AfterAKeptReviewAnswer_UsesTheShowThatAnswerWasAbout()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12));
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.SlashAsync("review", new SlashOption("show", "orbit-gardeners"));

        // Answered from the kept body, yet the channel now talks about Metallic Rouge again.
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 3));

        Assert.StartsWith("Metallic Rouge", episode.Embed.GetProperty("author").GetProperty("name").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }
}
