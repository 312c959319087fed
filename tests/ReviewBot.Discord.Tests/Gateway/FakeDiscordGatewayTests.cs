using ReviewBot.Discord.Gateway.Payloads;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using FakeDiscord;
using FakeDiscord.Gateway;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>The fake itself enforces Discord's rules, so a client bug shows up as the close Discord would send.</summary>
public sealed class FakeDiscordGatewayTests
{
    [Theory]
    [InlineData("""{"op":2,"d":{"token":"wrong","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""", 4004)]
    [InlineData("""{"op":2,"d":{"token":"TOKEN","intents":2,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""", 4014)]
    [InlineData("""{"op":2,"d":{"token":"TOKEN","intents":1073741824,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""", 4013)]
    [InlineData("""{"op":2,"d":{"token":"TOKEN","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[3,2]}}""", 4010)]
    [InlineData("""{"op":6,"d":{"token":"wrong","session_id":"nope","seq":1}}""", 4004)]
    [InlineData("""{"op":3,"d":{}}""", 4003)]
    [InlineData("not json", 4002)]
    public async Task Fake_ClientBreaksAGatewayRule_ClosesWithDiscordsCode(string firstPayload, int expectedClose)
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var socket = await ConnectAsync(fake);

        await SendAsync(socket, firstPayload.Replace("TOKEN", fake.Options.Token));

        var close = await fake.GatewayRecorder.WaitForAsync(f => f.IsClose && f.Direction == FakeGatewayDirection.ToClient);
        Assert.Equal(expectedClose, close.CloseCode);
    }

    [Fact]
    public async Task Fake_IdentifyTwice_ClosesWith4005()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var socket = await ConnectAsync(fake);
        var identify = """{"op":2,"d":{"token":"TOKEN","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""".Replace("TOKEN", fake.Options.Token);

        await SendAsync(socket, identify);
        await fake.WaitForDispatchSentAsync("READY");
        await SendAsync(socket, identify);

        var close = await fake.GatewayRecorder.WaitForAsync(f => f.IsClose && f.Direction == FakeGatewayDirection.ToClient);
        Assert.Equal(4005, close.CloseCode);
    }

    [Fact]
    public async Task Fake_ResumeUnknownSession_AnswersInvalidSessionFalse()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var socket = await ConnectAsync(fake);

        await SendAsync(socket, """{"op":6,"d":{"token":"TOKEN","session_id":"unknown","seq":3}}""".Replace("TOKEN", fake.Options.Token));

        var invalid = await fake.GatewayRecorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.ToClient && f.Op == (int)GatewayOpCode.InvalidSession);
        Assert.False(invalid.Data!.GetValue<bool>());
    }

    [Fact]
    public async Task Fake_ResumeWithSequenceAheadOfTheSession_ClosesWith4007()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var first = await ConnectAsync(fake);
        await SendAsync(first, """{"op":2,"d":{"token":"TOKEN","intents":1,"properties":{"os":"linux","browser":"t","device":"t"},"shard":[0,1]}}""".Replace("TOKEN", fake.Options.Token));
        await fake.WaitForDispatchSentAsync("READY");
        using var second = await ConnectAsync(fake);

        var sessionId = fake.GatewaySessions.Single().SessionId;
        await SendAsync(second, """{"op":6,"d":{"token":"TOKEN","session_id":"SESSION","seq":99}}""".Replace("TOKEN", fake.Options.Token).Replace("SESSION", sessionId));

        var close = await fake.GatewayRecorder.WaitForAsync(f => f.IsClose && f.Direction == FakeGatewayDirection.ToClient);
        Assert.Equal(4007, close.CloseCode);
    }

    [Fact]
    public async Task Fake_WrongApiVersion_ClosesWith4012()
    {
        await using var fake = await FakeDiscordServer.StartAsync();
        using var socket = new ClientWebSocket();

        await socket.ConnectAsync(new Uri(fake.GatewayUrl + "?v=6&encoding=json"), CancellationToken.None);

        var close = await fake.GatewayRecorder.WaitForAsync(f => f.IsClose && f.Direction == FakeGatewayDirection.ToClient);
        Assert.Equal(4012, close.CloseCode);
    }

    [Fact]
    public async Task Fake_Hello_CarriesTheConfiguredHeartbeatInterval()
    {
        await using var fake = await FakeDiscordServer.StartAsync(new FakeDiscordOptions { HeartbeatIntervalMs = 1234 });
        using var socket = await ConnectAsync(fake);

        var hello = await fake.GatewayRecorder.WaitForAsync(f => f.Direction == FakeGatewayDirection.ToClient && f.Op == (int)GatewayOpCode.Hello);

        Assert.Equal(1234, hello.Data!["heartbeat_interval"]!.GetValue<int>());
        Assert.IsType<JsonObject>(hello.Data);
    }

    private static async Task<ClientWebSocket> ConnectAsync(FakeDiscordServer fake)
    {
        var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri(fake.GatewayUrl + "?v=10&encoding=json"), CancellationToken.None);
        return socket;
    }

    private static Task SendAsync(ClientWebSocket socket, string json) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(json).AsMemory(), WebSocketMessageType.Text, true, CancellationToken.None).AsTask();
}
