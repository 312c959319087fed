using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeDiscord;
using Microsoft.Extensions.Time.Testing;

namespace ReviewBot.Discord.Tests.Conformance;

/// <summary>
/// The load mode times a callback from its arrival, not from when the fake finished with it: the
/// fake's own work (here an injected delay, in a load run the schema validation) must fall between
/// <see cref="RecordedRequest.BodyReadAt"/> and <see cref="RecordedRequest.ReceivedAt"/>.
/// </summary>
public sealed class FakeDiscordBodyReadAtTests
{
    [Fact]
    public async Task Callback_TheFakeTakingTimeToAnswer_IsAfterBodyReadAt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));
        await using var server = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { RestTimeProvider = time });
        server.InjectLatency(TimeSpan.FromSeconds(5));
        using var http = new HttpClient { BaseAddress = new Uri(server.ApiBaseUrl.AbsoluteUri + "/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bot", server.Options.Token);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("DiscordBot (https://example.org, 1.0)");

        var post = http.PostAsync("interactions/1/token/callback", new StringContent("""{"type":6}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")));
        // The fake waits on its clock; move it until the answer comes (each look is one second of fake time).
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!post.IsCompleted)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.WhenAny(post, Task.Delay(10, guard.Token));
        }

        Assert.Equal(HttpStatusCode.NoContent, (await post).StatusCode);
        var recorded = Assert.Single(server.Requests);
        Assert.NotNull(recorded.BodyReadAt);
        Assert.True(recorded.ReceivedAt - recorded.BodyReadAt >= TimeSpan.FromSeconds(5), $"{recorded.BodyReadAt:O} .. {recorded.ReceivedAt:O}");
    }
}
