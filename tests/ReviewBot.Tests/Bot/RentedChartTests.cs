using System.Buffers;
using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Charts;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// A first /review reads its chart into a rented array, and its stored answer's message too when there
/// is one, and hands them back only once the reply has been sent, retries included. The pool put in
/// here writes over every array handed back to it, so an array handed back while a request still
/// reads it would send those bytes instead of the chart. Each test runs with the answer stored (two
/// arrays: the message and the chart) and with it built (the stored answers removed: the chart's array).
/// </summary>
public sealed class RentedChartTests
{
    private const string Callback = "POST /interactions/{interaction_id}/{interaction_token}/callback";
    private const string EditOriginal = "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Review_FirstAskWhoseCallbackIsRetried_SendsTheChartEachTimeThenHandsTheArraysBack(bool stored)
    {
        var pool = new OverwritingPool();
        await using var bot = await StartAsync(pool);
        await bot.ImportAsync(TestReviews.Plain("Rented Chart", 1, 4));
        var chart = await StoredChartAsync(bot, "rented-chart", stored);
        bot.Discord.InjectServerError(500, Callback);

        var reply = await bot.SlashAsync("review", new SlashOption("show", "rented-chart"));
        var sent = await bot.Discord.WaitForRequestsAsync(r => BotHost.IsCallbackFor(r, reply.InteractionId), 2, BotHost.Timeout);

        Assert.Equal(ArraysPerRead(stored), pool.Rented);
        Assert.All(sent, request => Assert.Equal(chart, Assert.Single(request.Files).Content));
        Assert.All(sent, request => Assert.Equal("Rented Chart — Season 1 Review", request.Body!.Value.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString()));
        await pool.WaitUntilReturnedAsync(ArraysPerRead(stored));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Review_FirstAskDeferredAndItsEditRetried_SendsTheChartEachTimeThenHandsTheArraysBack(bool stored)
    {
        var pool = new OverwritingPool();
        await using var bot = await StartAsync(pool, deferAfter: "00:00:00.050");
        await bot.ImportAsync(TestReviews.Plain("Late Chart", 1, 4));
        var chart = await StoredChartAsync(bot, "late-chart", stored);
        bot.Discord.InjectServerError(502, EditOriginal);
        pool.HoldRents();

        var deferred = await bot.SlashAsync("review", new SlashOption("show", "late-chart"));
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        pool.LetRentsGo();
        var edits = await bot.Discord.WaitForRequestsAsync(
            r => r.Method == "PATCH" && r.Path.Contains(deferred.Token, StringComparison.Ordinal), 2, BotHost.Timeout);

        Assert.All(edits, request => Assert.Equal(chart, Assert.Single(request.Files).Content));
        Assert.All(edits, request => Assert.Equal("Late Chart — Season 1 Review", request.Body!.Value.GetProperty("embeds")[0].GetProperty("title").GetString()));
        await pool.WaitUntilReturnedAsync(ArraysPerRead(stored));
        Assert.Equal(ArraysPerRead(stored), pool.Rented);
    }

    [Fact]
    public async Task Review_AskedAgain_IsKeptWithArraysOfItsOwnAndStillCarriesTheChart()
    {
        var pool = new OverwritingPool();
        await using var bot = await StartAsync(pool);
        await bot.ImportAsync(TestReviews.Plain("Kept Chart", 1, 4));
        var chart = await StoredChartAsync(bot, "kept-chart", stored: false);

        var first = await bot.SlashAsync("review", new SlashOption("show", "kept-chart"));
        await pool.WaitUntilReturnedAsync(1);
        var second = await bot.SlashAsync("review", new SlashOption("show", "kept-chart"));
        await pool.WaitUntilReturnedAsync(2);
        var third = await bot.SlashAsync("review", new SlashOption("show", "kept-chart"));

        // The second read is copied into the chart cache's own array and its rented one goes back at once.
        Assert.Equal(2, pool.Rented);
        await pool.WaitUntilReturnedAsync(2);
        Assert.All([first, second, third], reply => Assert.Equal(chart, Assert.Single(reply.Callback.Files).Content));
    }

    [Fact]
    public async Task Review_StoredAndAskedAgain_IsKeptInArraysOfItsOwn_EveryRentHandedBack()
    {
        var pool = new OverwritingPool();
        await using var bot = await StartAsync(pool);
        await bot.ImportAsync(TestReviews.Plain("Kept Stored", 1, 4));
        var chart = await StoredChartAsync(bot, "kept-stored", stored: true);

        var first = await bot.SlashAsync("review", new SlashOption("show", "kept-stored"));
        await pool.WaitUntilReturnedAsync(2);
        var second = await bot.SlashAsync("review", new SlashOption("show", "kept-stored"));
        var third = await bot.SlashAsync("review", new SlashOption("show", "kept-stored"));
        var fourth = await bot.SlashAsync("review", new SlashOption("show", "kept-stored"));

        // The second ask's arrays were copied into the kept answer's own and handed back at once, to be
        // overwritten by the pool: the later answers still carry the chart.
        Assert.Equal(4, pool.Rented);
        await pool.WaitUntilReturnedAsync(4);
        Assert.All([first, second, third, fourth], reply => Assert.Equal(chart, Assert.Single(reply.Callback.Files).Content));
        Assert.All([second, third, fourth], reply => Assert.Equal(first.Callback.BodyText, reply.Callback.BodyText));
    }

    /// <summary>
    /// A version read again (the kept ones dropped) brings its stored answer along; when the answer is
    /// kept already, what that read rented goes back unsent.
    /// </summary>
    [Fact]
    public async Task Review_KeptAnswer_VersionReadAgainWithItsStoredAnswer_HandsThatReadBack()
    {
        var pool = new OverwritingPool();
        await using var bot = await StartAsync(pool);
        await bot.ImportAsync(TestReviews.Plain("Read Again", 1, 4));
        var chart = await StoredChartAsync(bot, "read-again", stored: true);
        var first = await bot.SlashAsync("review", new SlashOption("show", "read-again"));
        var second = await bot.SlashAsync("review", new SlashOption("show", "read-again"));
        await pool.WaitUntilReturnedAsync(4);

        bot.Services.GetRequiredService<Core.Answers.ReviewVersionCache>().Clear();
        var third = await bot.SlashAsync("review", new SlashOption("show", "read-again"));

        Assert.Equal(6, pool.Rented);
        await pool.WaitUntilReturnedAsync(6);
        Assert.All([first, second, third], reply => Assert.Equal(chart, Assert.Single(reply.Callback.Files).Content));
        Assert.Equal(second.Callback.BodyText, third.Callback.BodyText);
    }

    /// <summary>Over HTTP a reply without files is the response itself: once written, what it was read into goes back.</summary>
    [Fact]
    public async Task Episode_StoredAndAnsweredInTheHttpResponse_HandsItsArrayBack()
    {
        var pool = new OverwritingPool();
        var options = new BotHostOptions { ConfigureServices = services => services.AddSingleton<ArrayPool<byte>>(pool) };
        options.Settings["Duties"] = "gateway, delivery";
        await using var http = await Http.HttpBot.StartAsync(options);

        var answer = await http.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "metallic-rouge"));

        Assert.Contains("Episode 3", answer.Json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, pool.Rented);
        await pool.WaitUntilReturnedAsync(1);
    }

    private static int ArraysPerRead(bool stored) => stored ? 2 : 1;

    /// <summary>
    /// The stored chart's bytes, read as the CLI reads them (an array of their own); without
    /// <paramref name="stored"/>, the review's stored answers are removed, so a first ask builds its answer.
    /// </summary>
    private static async Task<byte[]> StoredChartAsync(BotHost bot, string slug, bool stored)
    {
        if (!stored)
        {
            await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM review_answers";
            await command.ExecuteNonQueryAsync();
        }

        var show = (await bot.Services.GetRequiredService<Core.Reviews.ShowStore>().GetAllAsync(CancellationToken.None)).Single(s => s.Slug == slug);
        var review = await bot.Services.GetRequiredService<Core.Reviews.ReviewStore>().GetForShowAsync(show.Id, null, CancellationToken.None);
        var png = (await bot.Services.GetRequiredService<ReviewChartStore>().FindAsync(review!.Id, ChartKey.Of(review.Episodes), CancellationToken.None))!.Png!;
        Assert.True(png.Length > 1000);
        return png;
    }

    private static async Task<BotHost> StartAsync(OverwritingPool pool, string? deferAfter = null)
    {
        var options = new BotHostOptions { ConfigureServices = services => services.AddSingleton<ArrayPool<byte>>(pool) };
        options.Settings["Duties"] = "gateway, delivery";
        if (deferAfter is not null)
        {
            options.Settings["Interactions:DeferAfter"] = deferAfter;
        }

        var bot = await BotHost.StartAsync(options);
        bot.AppPermissions = BotHost.WithAttachFiles;
        return bot;
    }

    /// <summary>Hands out new arrays and writes over each one handed back; can hold a rent until the test lets it go.</summary>
    private sealed class OverwritingPool : ArrayPool<byte>
    {
        private readonly ConcurrentQueue<byte[]> _returned = new();
        private readonly ManualResetEventSlim _rents = new(initialState: true);
        private int _rented;

        public int Rented => Volatile.Read(ref _rented);

        public void HoldRents() => _rents.Reset();

        public void LetRentsGo() => _rents.Set();

        public override byte[] Rent(int minimumLength)
        {
            Assert.True(_rents.Wait(BotHost.Timeout), "the test never let the rent go");
            Interlocked.Increment(ref _rented);
            return new byte[minimumLength];
        }

        public override void Return(byte[] array, bool clearArray = false)
        {
            Array.Fill(array, (byte)0xEE);
            _returned.Enqueue(array);
        }

        public async Task WaitUntilReturnedAsync(int count)
        {
            var deadline = DateTime.UtcNow + BotHost.Timeout;
            while (_returned.Count < count)
            {
                Assert.True(DateTime.UtcNow < deadline, $"{_returned.Count} of {count} arrays handed back");
                await Task.Delay(10);
            }

            await Task.Delay(50);
            Assert.Equal(count, _returned.Count);
        }
    }
}
