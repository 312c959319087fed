using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Charts;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Reviews;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// /review shows the chart stored with the review: drawn when the review is stored, never while a
/// member waits. Every drawing in the bot goes through the counting drawer put in here.
/// </summary>
public sealed class StoredChartAnswerTests
{
    [Fact]
    public async Task Review_ChartNotStoredYet_AnswersWithTheScoreRowAndDrawsNothing()
    {
        await using var bot = await StartAsync();
        var drawer = Drawer(bot);
        drawer.Fail = true; // the drawing when it is stored fails: the review is stored without its chart
        await bot.ImportAsync(TestReviews.Plain("Chartless Wonder", 1, 4));
        drawer.Fail = false;
        var before = drawer.Count;

        var reply = await bot.SlashAsync("review", new SlashOption("show", "chartless-wonder"));

        Assert.Equal(before, drawer.Count);
        Assert.Empty(reply.Callback.Files);
        Assert.False(reply.Embed.TryGetProperty("image", out _));
        var row = reply.Embed.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Episode scores");
        Assert.Equal("`3.5 4 3.5 4` /5 · average 3.8", row.GetProperty("value").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_AfterTheBackfillStoredTheChart_ShowsIt()
    {
        await using var bot = await StartAsync();
        var drawer = Drawer(bot);
        drawer.Fail = true;
        await bot.ImportAsync(TestReviews.Plain("Chartless Wonder", 1, 4));
        drawer.Fail = false;
        var first = await bot.SlashAsync("review", new SlashOption("show", "chartless-wonder"));

        var drawn = await bot.Services.GetRequiredService<ChartBackfill>().RunPassAsync(CancellationToken.None);
        var drawings = drawer.Count;
        var second = await bot.SlashAsync("review", new SlashOption("show", "chartless-wonder"));

        Assert.Empty(first.Callback.Files);
        Assert.Equal(1, drawn);
        Assert.Equal(drawings, drawer.Count);
        var file = Assert.Single(second.Callback.Files);
        Assert.Equal(drawer.Last, file.Content);
        Assert.Equal("attachment://chart.png", second.Embed.GetProperty("image").GetProperty("url").GetString());
    }

    [Fact]
    public async Task Review_AfterAnEditOfTheScores_ShowsTheNewChartDrawnWhenTheEditWasStored()
    {
        await using var bot = await StartAsync();
        var drawer = Drawer(bot);
        var text = TestReviews.Plain("Edited Scores", 1, 4);
        await bot.ImportAsync(text, "edited.txt");
        var original = await bot.SlashAsync("review", new SlashOption("show", "edited-scores"));

        await bot.ImportAsync(text.Replace("Chapter 1 -| Review Score – 3.5/5", "Chapter 1 -| Review Score – 1/5", StringComparison.Ordinal), "edited.txt");
        var drawings = drawer.Count;
        var edited = await bot.SlashAsync("review", new SlashOption("show", "edited-scores"));

        Assert.Equal(drawings, drawer.Count);
        var before = Assert.Single(original.Callback.Files).Content;
        var after = Assert.Single(edited.Callback.Files).Content;
        Assert.NotEqual(before, after);
        Assert.Equal(drawer.Last, after);
    }

    [Fact]
    public async Task Import_EditThatLeavesTheScores_DrawsNothingAndReviewKeepsTheChart()
    {
        await using var bot = await StartAsync();
        var drawer = Drawer(bot);
        var text = TestReviews.Plain("Same Scores", 1, 4);
        await bot.ImportAsync(text, "same.txt");
        var original = await bot.SlashAsync("review", new SlashOption("show", "same-scores"));
        var drawings = drawer.Count;

        await bot.ImportAsync(text.Replace("A test review", "A new headline", StringComparison.Ordinal), "same.txt");
        var edited = await bot.SlashAsync("review", new SlashOption("show", "same-scores"));

        Assert.Equal(drawings, drawer.Count);
        Assert.Contains("A new headline", edited.Embed.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(Assert.Single(original.Callback.Files).Content, Assert.Single(edited.Callback.Files).Content);
    }

    /// <summary>
    /// The bot without the sources duty, so the background backfill does not run (the tests run a pass
    /// themselves when they want one), allowed to attach files, with the counting drawer.
    /// </summary>
    private static async Task<BotHost> StartAsync()
    {
        var options = new BotHostOptions
        {
            ConfigureServices = services => services.AddSingleton<IReviewChartDrawer>(provider => new CountingDrawer(provider.GetRequiredService<EpisodeChart>())),
        };
        options.Settings["Duties"] = "gateway, delivery";
        var bot = await BotHost.StartAsync(options);
        bot.AppPermissions = BotHost.WithAttachFiles;
        return bot;
    }

    private static CountingDrawer Drawer(BotHost bot) => (CountingDrawer)bot.Services.GetServices<IReviewChartDrawer>().Last();

    private sealed class CountingDrawer(EpisodeChart chart) : IReviewChartDrawer
    {
        private readonly ConcurrentQueue<byte[]?> _drawn = new();

        public volatile bool Fail;

        public int Count => _drawn.Count;

        public byte[]? Last => _drawn.LastOrDefault();

        public byte[]? Draw(IReadOnlyList<EpisodeEntry> episodes)
        {
            if (Fail)
            {
                throw new InvalidOperationException("the test drawer was told to fail");
            }

            var png = chart.Draw(episodes);
            _drawn.Enqueue(png);
            return png;
        }
    }
}
