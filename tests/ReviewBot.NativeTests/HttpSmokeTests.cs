using System.Net;
using System.Text;
using System.Text.Json;
using FakeDiscord;
using ReviewBot.Tests.Http;

namespace ReviewBot.NativeTests;

/// <summary>
/// The native bot's HTTP listener: the interactions endpoint with Ed25519 (a signed PING is answered
/// PONG, a bad signature 401, a signed /review acknowledged and its answer, with the chart, sent as an edit of @original), /healthz, /readyz, /metrics.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed class HttpSmokeTests(NativeExecutable executable)
{
    [Fact]
    public async Task Run_WithAListener_ChecksSignaturesAnswersAndReportsHealthAndMetrics()
    {
        using var folder = new WorkFolder();
        using var signer = new InteractionSigner();
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        await using var bot = NativeBot.Start(executable, folder, discord, folder.SqliteConnectionString, new Dictionary<string, string>
        {
            ["Http:Listen"] = "http://127.0.0.1:0",
            ["Discord:PublicKey"] = signer.PublicKeyHex,
            ["Reviews:ImportSamplesWhenEmpty"] = "true",
        });
        var line = await bot.WaitForLineAsync("Now listening on: ");
        using var http = new HttpClient { BaseAddress = new Uri(line[line.IndexOf("http://", StringComparison.Ordinal)..].Trim()), Timeout = NativeBot.Wait };

        using (var pong = await PostAsync(http, signer, """{"id":"1490000000000000001","application_id":"1100000000000000001","type":1,"token":"t","version":1}"""))
        {
            Assert.Equal(HttpStatusCode.OK, pong.StatusCode);
            Assert.Equal(1, JsonDocument.Parse(await pong.Content.ReadAsStringAsync()).RootElement.GetProperty("type").GetInt32());
        }

        using (var forged = await PostAsync(http, signer, """{"id":"1490000000000000002","application_id":"1100000000000000001","type":1,"token":"t","version":1}""", tamper: true))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        }

        // Where the bot may attach files, /review carries its chart, which Discord takes only in a
        // request of the bot's own: the HTTP response is a defer and the answer an edit of @original.
        var (_, payload) = NativeBot.SlashCommand(discord, "review", "show", "metallic-rouge");
        using (var answer = await PostAsync(http, signer, payload.ToJsonString()))
        {
            var text = await answer.Content.ReadAsStringAsync();
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{answer.StatusCode}: {text}\nBot output:\n{bot.Process.Output}");
            Assert.Equal(5, JsonDocument.Parse(text).RootElement.GetProperty("type").GetInt32());
        }

        var token = payload["token"]!.GetValue<string>();
        var edit = (await discord.WaitForRequestsAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal), 1, NativeBot.Wait))[0];
        Assert.Contains("Metallic Rouge", edit.BodyText, StringComparison.Ordinal);
        Assert.Equal("chart.png", Assert.Single(edit.Files).FileName);

        using (var healthz = await http.GetAsync(new Uri("/healthz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
            Assert.Equal("Healthy", JsonDocument.Parse(await healthz.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        }

        await bot.WaitForLineAsync("Shard 0: READY");
        string ready = "";
        await TestSupport.Eventually.WaitUntilAsync(
            async () =>
            {
                using var readyz = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
                ready = await readyz.Content.ReadAsStringAsync();
                return readyz.StatusCode == HttpStatusCode.OK;
            },
            NativeBot.Wait,
            () => $"/readyz never answered 200; last body: {ready}");
        var checks = JsonDocument.Parse(ready).RootElement.GetProperty("checks");
        Assert.Equal("ready", checks.GetProperty("gateway").GetProperty("shard_0").GetString());
        Assert.Equal(0, checks.GetProperty("outbox").GetProperty("pending").GetInt32());

        var metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("reviewbot_interactions_total", metrics, StringComparison.Ordinal);
        Assert.Contains("reviewbot_gateway_shard_ready", metrics, StringComparison.Ordinal);

        await bot.StopAsync();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, InteractionSigner signer, string json, bool tamper = false)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = InteractionSigner.Timestamp(DateTimeOffset.UtcNow);
        var signature = signer.Sign(timestamp, body);
        if (tamper)
        {
            body[^2] ^= 1; // the signature no longer covers the body
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new ByteArrayContent(body) };
        request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
        request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        return await http.SendAsync(request);
    }
}
