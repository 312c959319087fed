using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeDiscord;
using Microsoft.Data.Sqlite;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Announcements;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>
/// Two bot processes behind the test's balancer, restarted one at a time with SIGTERM while
/// interactions keep coming: every interaction is answered, and answered once.
/// </summary>
public sealed class RollingRestartTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RollingRestart_UnderLoad_LeavesNoInteractionUnansweredAndNoneAnsweredTwice()
    {
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        using var signer = new InteractionSigner();
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        await using var balancer = await LoopbackBalancer.StartAsync();
        var bots = new List<BotProcess>();
        try
        {
            var a = await StartBotAsync(discord, signer, folder, "a", bots);
            var b = await StartBotAsync(discord, signer, folder, "b", bots);
            balancer.SetBackends(a.Address, b.Address);

            using var client = new HttpClient { BaseAddress = balancer.Address, Timeout = TimeSpan.FromSeconds(30) };
            using var stopLoad = new CancellationTokenSource();
            var results = new List<(string Id, HttpStatusCode Status, InteractionCallbackType Type)>();
            var load = Task.WhenAll(Enumerable.Range(0, 4).Select(_ => SendUntilStoppedAsync(client, signer, results, stopLoad.Token)));

            // Stop a while requests flow, start it again, then the same for b.
            await WaitForMoreAnswersAsync(results, 10);
            Assert.Equal(0, await a.Process.TerminateAsync(TimeSpan.FromSeconds(30)));
            var a2 = await StartBotAsync(discord, signer, folder, "a", bots);
            balancer.SetBackends(a2.Address, b.Address);
            await WaitForMoreAnswersAsync(results, 10);
            Assert.Equal(0, await b.Process.TerminateAsync(TimeSpan.FromSeconds(30)));
            var b2 = await StartBotAsync(discord, signer, folder, "b", bots);
            balancer.SetBackends(a2.Address, b2.Address);
            await WaitForMoreAnswersAsync(results, 10);

            await stopLoad.CancelAsync();
            await load;

            List<(string Id, HttpStatusCode Status, InteractionCallbackType Type)> sent;
            lock (results)
            {
                sent = [.. results];
            }

            Assert.All(sent, r => Assert.True(r.Status == HttpStatusCode.OK && r.Type == InteractionCallbackType.ChannelMessageWithSource, $"interaction {r.Id}: {r.Status}, type {r.Type}"));
            Assert.All(sent, r => Assert.Single(balancer.Answers[r.Id], x => x.Status == 200));
            Assert.Equal(sent.Count, balancer.Answers.Count);
            // Requests met a stopped bot and went to the other one, and both restarted processes served:
            // the load really crossed both restarts.
            Assert.True(balancer.Retries > 0, "no request ever met a stopped bot");
            Assert.Contains(balancer.Answers.Values.SelectMany(v => v), x => x.Bot == a2.Address);
            Assert.Contains(balancer.Answers.Values.SelectMany(v => v), x => x.Bot == b2.Address);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }

            SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans temp folders.
            }
        }
    }

    private sealed record RunningBot(BotProcess Process, Uri Address);

    private static async Task<RunningBot> StartBotAsync(FakeDiscordServer discord, InteractionSigner signer, string folder, string name, List<BotProcess> bots)
    {
        var bot = BotProcess.Start(discord, $"Data Source={Path.Combine(folder, name + ".db")}", new Dictionary<string, string>
        {
            ["Http:Listen"] = "http://127.0.0.1:0",
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Reviews:ImportSamplesWhenEmpty"] = "true",
        });
        bots.Add(bot);
        var line = await bot.WaitForLineAsync("Now listening on: ", StartTimeout);
        var address = line[(line.IndexOf("http://", StringComparison.Ordinal))..].Trim();
        return new RunningBot(bot, new Uri(address));
    }

    private static async Task SendUntilStoppedAsync(HttpClient client, InteractionSigner signer, List<(string Id, HttpStatusCode Status, InteractionCallbackType Type)> results, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
            var body = Encoding.UTF8.GetBytes(Interaction(id).ToJsonString());
            var timestamp = InteractionSigner.Timestamp(DateTimeOffset.UtcNow);
            using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new ByteArrayContent(body) };
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signer.Sign(timestamp, body));
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
            // Not cancelled by stop: a request once sent is seen through, like Discord's.
            using var response = await client.SendAsync(request, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync(CancellationToken.None);
            var type = response.StatusCode == HttpStatusCode.OK ? (InteractionCallbackType)JsonDocument.Parse(text).RootElement.GetProperty("type").GetInt32() : default;
            lock (results)
            {
                results.Add((id, response.StatusCode, type));
                Monitor.PulseAll(results);
            }
        }
    }

    private static long _nextId = 1_250_000_000_000_000_000;

    /// <summary>Blocks (off the load's threads) until <paramref name="more"/> further answers arrived.</summary>
    private static Task WaitForMoreAnswersAsync(List<(string Id, HttpStatusCode Status, InteractionCallbackType Type)> results, int more) => Task.Run(() =>
    {
        lock (results)
        {
            var target = results.Count + more;
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (results.Count < target)
            {
                var left = deadline - DateTime.UtcNow;
                Assert.True(left > TimeSpan.Zero, $"only {results.Count} of {target} answers arrived");
                Monitor.Wait(results, left);
            }
        }
    });

    private static JsonObject Interaction(string id) => new()
    {
        ["id"] = id,
        ["application_id"] = "1100000000000000001",
        ["type"] = (int)InteractionType.ApplicationCommand,
        ["token"] = "interaction-token-" + id,
        ["version"] = 1,
        ["guild_id"] = "1300000000000000001",
        ["channel_id"] = "1300000000000000002",
        // A channel where the bot may not attach files: the answer is the HTTP response itself, with no
        // chart to send through a later webhook edit, so every answer is counted where it is written.
        ["app_permissions"] = BotHost.WithoutAttachFiles,
        ["member"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "1500000000000000001", ["username"] = "mika" },
            ["roles"] = new JsonArray(),
            ["permissions"] = "2147483648",
        },
        ["locale"] = "en-US",
        ["data"] = new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = "review",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "metallic-rouge" }),
        },
    };
}
