using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeDiscord;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class WebSocketGatewayTransportTests
{
    [Fact]
    public async Task LongMessage_IsWhole_AndItsBufferGoesOnceMessagesFitOneReadAgain()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var transport = new WebSocketGatewayTransport();
        await transport.ConnectAsync(new Uri(fake.GatewayUrl + "?v=10&encoding=json"), CancellationToken.None);
        await ReceiveAsync(transport, "HELLO", m => m.GetProperty("op").GetInt32() == 10);
        var identify = """{"op":2,"d":{"token":"TOKEN","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""".Replace("TOKEN", fake.Options.Token);
        await transport.SendAsync(Encoding.UTF8.GetBytes(identify), CancellationToken.None);
        await ReceiveAsync(transport, "READY", IsDispatch("READY"));

        // A big server's GUILD_CREATE: thousands of channels, far more than one read.
        var channels = new JsonArray();
        for (var c = 0; c < 4000; c++)
        {
            channels.Add(new JsonObject { ["id"] = (1_700_000_000_000_000_000UL + (ulong)c).ToString(System.Globalization.CultureInfo.InvariantCulture), ["type"] = 0, ["name"] = $"channel-{c}" });
        }

        await fake.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1", ["channels"] = channels });
        var count = await ReceiveAsync(transport, "the long GUILD_CREATE", IsDispatch("GUILD_CREATE"), m => m.GetProperty("d").GetProperty("channels").GetArrayLength());
        Assert.Equal(4000, count);
        Assert.True(transport.LongMessageCapacity > WebSocketGatewayTransport.LongMessageKeptBytes);

        await fake.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "2", ["channels"] = new JsonArray() });
        await ReceiveAsync(transport, "the short GUILD_CREATE", IsDispatch("GUILD_CREATE"));
        Assert.Equal(0, transport.LongMessageCapacity);
    }

    /// <summary>A message past the limit, ended or never ended, is refused once it passes the limit, and the buffer never grows beyond it.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LongMessage_PastTheLimit_IsRefusedWithoutHoldingMoreThanTheLimit(bool finish)
    {
        const int limit = 256 * 1024;
        await using var fake = await FakeDiscordServer.StartAsync();
        await using var transport = new WebSocketGatewayTransport(limit);
        await transport.ConnectAsync(new Uri(fake.GatewayUrl + "?v=10&encoding=json"), CancellationToken.None);
        await ReceiveAsync(transport, "HELLO", m => m.GetProperty("op").GetInt32() == 10);
        var identify = """{"op":2,"d":{"token":"TOKEN","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""".Replace("TOKEN", fake.Options.Token);
        await transport.SendAsync(Encoding.UTF8.GetBytes(identify), CancellationToken.None);
        await ReceiveAsync(transport, "READY", IsDispatch("READY"));

        await fake.SendLongMessageAsync(8 * limit, finish);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var refused = await Assert.ThrowsAsync<GatewayMessageTooLargeException>(async () => await transport.ReceiveAsync(timeout.Token));

        Assert.Equal(limit, refused.LimitBytes);
        Assert.InRange(transport.LongMessageCapacity, 0, limit);
    }

    private static Func<JsonElement, bool> IsDispatch(string name) =>
        m => m.GetProperty("op").GetInt32() == 0 && m.GetProperty("t").GetString() == name;

    private static Task ReceiveAsync(WebSocketGatewayTransport transport, string what, Func<JsonElement, bool> wanted) =>
        ReceiveAsync(transport, what, wanted, _ => 0);

    /// <summary>Reads messages until one is <paramref name="wanted"/>, and reads it while it is valid (until the next receive).</summary>
    private static async Task<T> ReceiveAsync<T>(WebSocketGatewayTransport transport, string what, Func<JsonElement, bool> wanted, Func<JsonElement, T> read)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var result = await transport.ReceiveAsync(timeout.Token);
            Assert.False(result.IsClose, $"the fake closed the connection while the test waited for {what}");
            using var message = JsonDocument.Parse(result.Message);
            if (wanted(message.RootElement))
            {
                return read(message.RootElement);
            }
        }
    }
}
