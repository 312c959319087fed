using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeDiscord;

namespace ReviewBot.Discord.Tests.Conformance;

/// <summary>FakeDiscord enforces Discord's limits itself, so "zero 429s" in the client tests means something.</summary>
public sealed class FakeDiscordEnforcementTests
{
    [Fact]
    public async Task CreateMessage_ClientIgnoringTheBucket_Gets429WithRetryAfterAndHeaders()
    {
        var options = new FakeDiscordOptions();
        options.RouteLimits["POST /channels/{channel_id}/messages"] = new RouteLimit(2, TimeSpan.FromSeconds(30));
        await using var server = await FakeDiscordServer.StartAsync(options);
        using var http = Client(server);

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            last = await http.PostAsync("channels/1/messages", Json("""{"content":"spam","allowed_mentions":{"parse":[]}}"""));
            statuses.Add(last.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(1, server.RateLimitedResponses);
        Assert.Equal("user", last!.Headers.GetValues("X-RateLimit-Scope").Single());
        Assert.Equal("0", last.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Contains("retry_after", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRoute_BeyondTheGlobalLimit_Gets429GlobalButCallbacksDoNot()
    {
        await using var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { GlobalLimitPerSecond = 2 });
        using var http = Client(server);

        for (var i = 0; i < 2; i++)
        {
            await http.GetAsync("applications/@me");
        }

        var limited = await http.GetAsync("gateway/bot");
        var callback = await http.PostAsync("interactions/1/token/callback", Json("""{"type":6}"""));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("true", limited.Headers.GetValues("X-RateLimit-Global").Single());
        Assert.Equal(HttpStatusCode.NoContent, callback.StatusCode);
    }

    [Fact]
    public async Task WaitForRequestsAsync_RequestsArrivingLater_CompletesWhenTheyArrive()
    {
        await using var server = await FakeDiscordServer.StartAsync();
        using var http = Client(server);

        var waiting = server.WaitForRequestsAsync(r => r.Route == "GET /applications/@me", count: 2);
        Assert.False(waiting.IsCompleted);
        await http.GetAsync("applications/@me");
        await http.GetAsync("applications/@me");

        Assert.Equal(2, (await waiting).Count);
    }

    private static HttpClient Client(FakeDiscordServer server)
    {
        var http = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl.AbsoluteUri + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", server.Options.Token);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://example.org, 1.0)");
        return http;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
