using System.Globalization;
using System.Text.Json.Nodes;
using FakeDiscord.Rest;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Subscriptions.Delivery;
using ReviewBot.TestSupport;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// Two real bot processes on one PostgreSQL database, each running one of two shards against
/// FakeDiscord: both answer commands on their shard, one of them delivers, and killing the
/// deliverer in the middle of a fan-out hands delivery to the other without a lost or doubled
/// announcement or a 429 (the harness asserts none on dispose).
/// </summary>
public sealed class MultiProcessTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";
    private const int Channels = 32;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private static long _nextInteraction = 1_450_000_000_000_000_000;

    [Fact]
    public async Task TwoProcessesTwoShards_CommandsOnBoth_FanOutOnce_KillingTheDelivererMidFanOutLosesAndDoublesNothing()
    {
        var cluster = await PostgresCluster.GetAsync();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await RunAsync(database);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    private static async Task RunAsync(string database)
    {
        await using var harness = await StartAsync(o => o.RouteLimit = 50, database);
        // Slow enough posts that the kill lands inside the fan-out.
        harness.Server.InjectLatency(TimeSpan.FromMilliseconds(40), CreateMessage, times: 100_000);
        var channels = Enumerable.Range(0, Channels).Select(_ => NewChannel()).ToList();
        var subscriptions = new List<Subscription>();
        foreach (var channel in channels)
        {
            subscriptions.Add(await harness.SubscribeAsync(channel));
        }

        await using var first = BotProcess.Start(harness.Server, harness.ConnectionString, Shard(0));
        await WaitForOutputAsync(first, "This process now runs Delivery");
        await using var second = BotProcess.Start(harness.Server, harness.ConnectionString, Shard(1));
        var identifies = await Task.WhenAll(harness.Server.WaitForIdentifyAsync(shard: 0, timeout: Wait), harness.Server.WaitForIdentifyAsync(shard: 1, timeout: Wait));
        Assert.Equal([[0, 2], [1, 2]], identifies.Select(f => f.Data!["shard"]!.AsArray().Select(n => n!.GetValue<int>()).ToArray()));
        await WaitForOutputAsync(second, "Another process runs Delivery");

        // Commands on each shard are answered by the process that runs it.
        await AnswerOnShardAsync(harness, 0);
        await AnswerOnShardAsync(harness, 1);

        // A review imported by a third process (this test) while both run: the deliverer fans it out;
        // it is killed part-way and the other process takes over.
        var review = await harness.ImportAsync("Frieren");
        try
        {
            await harness.Server.WaitForRequestsAsync(r => r.Route == CreateMessage && r.Status == 200, 8, Wait);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the deliverer did not start the fan-out. Its output:\n{first.Output}");
        }

        await first.KillAsync();
        Assert.True(await SentAsync(harness) < Channels, "the kill did not interrupt the fan-out");
        await WaitForOutputAsync(second, "This process now runs Delivery");
        await WaitUntilAsync(async () => await SentAsync(harness) == Channels, second, "the second process did not finish the fan-out");

        // The killed process comes back as a gateway for shard 0 (and waits for delivery).
        await using var restarted = BotProcess.Start(harness.Server, harness.ConnectionString, Shard(0));
        await harness.Server.WaitForIdentifyAsync(shard: 0, count: 2, timeout: Wait);
        await AnswerOnShardAsync(harness, 0);
        await WaitForOutputAsync(restarted, "Another process runs Delivery");

        for (var i = 0; i < Channels; i++)
        {
            Assert.Equal([MessageNonce.ForAnnouncement(review, subscriptions[i].Id)], harness.MessagesIn(channels[i]));
        }

        // Every post Discord answered was one of these announcements (interaction answers are not posts here).
        var posted = harness.Server.Requests.Where(r => r.Route == CreateMessage && r.Status == 200).ToList();
        Assert.All(posted, r => Assert.Contains(r.Path, channels.Select(c => $"/channels/{c}/messages")));
        Assert.Equal(Channels, posted.Select(r => r.Body!.Value.GetProperty("nonce").GetString()).Distinct().Count());
        Assert.Equal(Channels, (await harness.AnnouncementsAsync()).Where(r => r.Status == AnnouncementStatus.Sent).Select(r => r.MessageId).OfType<ulong>().Distinct().Count());
        Assert.DoesNotContain(harness.Server.Options.Token, first.Output + second.Output + restarted.Output, StringComparison.Ordinal);
    }

    /// <summary>A worker process (Duties without gateway) connects no shard, registers no command, and delivers.</summary>
    [Fact]
    public async Task WorkerProcess_WithoutTheGatewayDuty_DeliversAndOpensNoGateway()
    {
        await using var harness = await StartAsync(o => o.RouteLimit = 50);
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);

        await using var worker = BotProcess.Start(harness.Server, harness.ConnectionString, new Dictionary<string, string> { ["Duties"] = "delivery, sources" });
        await WaitForOutputAsync(worker, "This process now runs Delivery");
        var review = await harness.ImportAsync("Frieren");
        await WaitUntilAsync(async () => await SentAsync(harness) == 1, worker, "the worker did not deliver");

        Assert.Equal([MessageNonce.ForAnnouncement(review, subscription.Id)], harness.MessagesIn(channel));
        Assert.Contains("The gateway is not among this process's duties", worker.Output, StringComparison.Ordinal);
        Assert.Empty(harness.Server.GatewaySessions);
        Assert.DoesNotContain(harness.Server.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal));
        Assert.False(worker.HasExited);
    }

    private static Dictionary<string, string> Shard(int id) => new()
    {
        ["Discord:ShardCount"] = "2",
        ["Discord:ShardIds"] = id.ToString(CultureInfo.InvariantCulture),
        ["Announcements:MaxParallelChannels"] = "2",
        ["Announcements:PollInterval"] = "00:00:00.200",
    };

    /// <summary>/latest on a shard, answered with an interaction callback.</summary>
    private static async Task AnswerOnShardAsync(AnnouncementHarness harness, int shard)
    {
        var id = Interlocked.Increment(ref _nextInteraction).ToString(CultureInfo.InvariantCulture);
        var payload = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = harness.Server.Options.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 2,
            ["token"] = "interaction-token-" + id,
            ["version"] = 1,
            ["guild_id"] = Guild.ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = "1460000000000000001",
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = "1470000000000000001", ["username"] = "mika" },
                ["roles"] = new JsonArray(),
                ["permissions"] = "2147483648",
            },
            ["app_permissions"] = "274877991936",
            ["context"] = 0,
            ["locale"] = "en-US",
            ["data"] = new JsonObject { ["id"] = "1400000000000000001", ["name"] = "latest", ["type"] = 1 },
        };
        await harness.Server.DispatchAsync("INTERACTION_CREATE", payload, shard);
        var callback = await harness.Server.WaitForRequestsAsync(
            r => r.Method == "POST" && r.Path.Contains($"/interactions/{id}/", StringComparison.Ordinal) && r.Path.EndsWith("/callback", StringComparison.Ordinal),
            1,
            Wait);
        Assert.InRange(callback[0].Status, 200, 204);
    }

    private static Task<int> SentAsync(AnnouncementHarness harness) =>
        harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageId is not null);

    private static async Task WaitForOutputAsync(BotProcess bot, string text)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!bot.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(DateTime.UtcNow < deadline && !bot.HasExited, $"the bot never logged \"{text}\" (exited: {bot.HasExited}). Its output:\n{bot.Output}");
            await Task.Delay(25);
        }
    }

    /// <summary>Looks at the database until <paramref name="done"/>; the outcome is written there.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> done, BotProcess bot, string failure)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline && !bot.HasExited, $"{failure} (exited: {bot.HasExited}). Its output:\n{bot.Output}");
            await Task.Delay(25);
        }
    }
}
