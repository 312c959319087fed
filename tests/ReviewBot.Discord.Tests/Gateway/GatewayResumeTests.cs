using System.Text.Json.Nodes;
using FakeDiscord;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

public sealed class GatewayResumeTests
{
    [Fact]
    public async Task DroppedConnection_ResumesOnResumeUrl_AndNoDispatchIsLost()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();
        await loop.Fake.DispatchAsync("GUILD_CREATE", Guild("100", "Before"));
        await loop.Events.WaitForAsync<GuildCreateEvent>(g => g.Guild.Id.Value == 100);

        await loop.Fake.DropGatewayConnectionAsync();
        await loop.Fake.DispatchAsync("GUILD_CREATE", Guild("200", "WhileAway"));
        var resume = await loop.Fake.WaitForResumeAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();

        Assert.Equal(FakeDiscordServer.ResumeGatewayPath, resume.Path);
        Assert.Equal(2, resume.Data!["seq"]!.GetValue<int>());
        Assert.Equal(loop.Fake.GatewaySessions.Single().SessionId, resume.Data!["session_id"]!.GetValue<string>());
        var guilds = loop.Events.Events.OfType<GuildCreateEvent>().Select(g => g.Guild.Id.Value).ToList();
        Assert.Equal([100UL, 200UL], guilds);
        Assert.Single(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Identify);
    }

    /// <summary>
    /// A resume_gateway_url that cannot be reached must not hold the Shard for good: resuming there
    /// again and again never even reaches Discord's Invalid Session, which would end the loop. The
    /// gateway URL takes a Resume too (Discord only asks for the other one to keep disconnects rarer).
    /// </summary>
    [Fact]
    public async Task ResumeUrlUnreachable_NextResumeGoesThroughTheGatewayUrl()
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedReadyAsync();
        await using var _ = harness;
        lock (factory.UnreachableHosts)
        {
            factory.UnreachableHosts.Add("resume.test");
        }

        connection.Drop();
        var toResumeUrl = await factory.NextConnectionAsync();
        time.Advance(await time.WaitForTimerAsync(TimeSpan.Zero, ReconnectBackoff.BaseDelay));
        var next = await factory.NextConnectionAsync();
        Assert.Equal("gateway.test", (await next.ConnectingTo).Host);
        next.Hello(45_000);
        var resume = await next.NextSentAsync(GatewayOpCode.Resume);

        Assert.Equal("resume.test", (await toResumeUrl.ConnectingTo).Host);
        Assert.Equal("session-1", resume["d"]!["session_id"]!.GetValue<string>());
    }

    /// <summary>
    /// READY without a usable resume_gateway_url still starts the Session: dropping it left the Shard
    /// never ready and every reconnect an Identify, each one a session start off the daily limit.
    /// </summary>
    [Theory]
    [InlineData(",")]
    [InlineData(",\"resume_gateway_url\":null,")]
    [InlineData(",\"resume_gateway_url\":\"not a url\",")]
    public async Task ReadyWithoutAUsableResumeUrl_StartsTheSession_AndResumesThroughTheGatewayUrl(string resumeUrlMember)
    {
        var (harness, factory, _, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _harness = harness;
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Receive("{\"op\":0,\"s\":1,\"t\":\"READY\",\"d\":{\"v\":10,\"user\":{\"id\":\"42\",\"username\":\"bot\"},\"guilds\":[],\"session_id\":\"session-1\"" + resumeUrlMember + "\"shard\":[0,1]}}");
        await harness.Handler.WaitForAsync<ReadyEvent>();
        var ready = Assert.Single(harness.Gateway.GetShardStatuses()).IsReady;

        connection.Drop();
        var next = await factory.NextConnectionAsync();
        Assert.Equal("gateway.test", (await next.ConnectingTo).Host);
        next.Hello(45_000);
        var resume = await next.NextSentAsync(GatewayOpCode.Resume);

        Assert.True(ready);
        Assert.Equal("session-1", resume["d"]!["session_id"]!.GetValue<string>());
    }

    /// <summary>A Resume carries the bot token: never over an unencrypted ws:// URL when the gateway is wss://.</summary>
    [Theory]
    [InlineData("ws://resume.test/")]
    [InlineData("https://resume.test/")]
    public async Task ResumeUrlNotASecureWebSocket_ResumesThroughTheGatewayUrl(string resumeUrl)
    {
        var (harness, factory, time, connection) = await GatewayHarness.StartScriptedAsync();
        await using var _ = harness;
        connection.Hello(45_000);
        await connection.NextSentAsync(GatewayOpCode.Identify);
        connection.Ready(resumeUrl: resumeUrl);
        await harness.Handler.WaitForAsync<ReadyEvent>();

        connection.Drop();
        var next = await factory.NextConnectionAsync();
        next.Hello(45_000);
        await next.NextSentAsync(GatewayOpCode.Resume);

        Assert.Equal("wss://gateway.test/", next.Url!.GetLeftPart(UriPartial.Path));
    }

    [Fact]
    public async Task Reconnect_Op7_ResumesTheSession()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.SendReconnectAsync();

        var resume = await loop.Fake.WaitForResumeAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();
        Assert.Equal(FakeDiscordServer.ResumeGatewayPath, resume.Path);
        var close = await loop.Fake.WaitForClientCloseAsync();
        Assert.NotEqual(1000, close.CloseCode);
        Assert.NotEqual(1001, close.CloseCode);
    }

    [Fact]
    public async Task InvalidSession_Resumable_ResumesTheSession()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.SendInvalidSessionAsync(resumable: true);

        await loop.Fake.WaitForResumeAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();
        Assert.Single(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Identify);
    }

    [Fact]
    public async Task InvalidSession_NotResumable_WaitsOneToFiveSecondsThenIdentifiesOnGatewayUrl()
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.SendInvalidSessionAsync(resumable: false);
        // The wait is under 5 s (1 s + [0, 1) * 4 s); our close's own 5 s timeout is not it.
        var delay = await loop.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1), GatewayConnection.CloseTimeout - TimeSpan.FromTicks(1));
        loop.Time.Advance(TimeSpan.FromSeconds(5));

        var identify = await loop.Fake.WaitForIdentifyAsync(count: 2);
        await loop.Events.WaitForAsync<ReadyEvent>(r => r.SessionId == loop.Fake.GatewaySessions[^1].SessionId);
        Assert.Equal(FakeDiscordServer.GatewayPath, identify.Path);
        Assert.InRange(delay, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Resume);
    }

    [Theory]
    [InlineData(4000)]
    [InlineData(4001)]
    [InlineData(4002)]
    [InlineData(4003)]
    [InlineData(4005)]
    [InlineData(4008)]
    [InlineData(1011)]
    public async Task Close_ResumableCode_ResumesTheSession(int closeCode)
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.CloseGatewayAsync(closeCode);

        var resume = await loop.Fake.WaitForResumeAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();
        Assert.Equal(FakeDiscordServer.ResumeGatewayPath, resume.Path);
    }

    [Theory]
    [InlineData(4007)]
    [InlineData(4009)]
    public async Task Close_SessionEndingCode_IdentifiesANewSession(int closeCode)
    {
        await using var loop = await LoopbackGateway.StartAsync();
        var first = await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.CloseGatewayAsync(closeCode);
        // max_concurrency: the shard's identify bucket opens 5 s after the first Identify.
        await loop.Time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        loop.Time.Advance(TimeSpan.FromSeconds(5));

        var identify = await loop.Fake.WaitForIdentifyAsync(count: 2);
        var second = await loop.Events.WaitForAsync<ReadyEvent>(r => r.SessionId != first.SessionId);
        Assert.NotEqual(first.SessionId, second.SessionId);
        Assert.Equal(FakeDiscordServer.GatewayPath, identify.Path);
        Assert.DoesNotContain(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Resume);
    }

    [Theory]
    [InlineData(4004)]
    [InlineData(4010)]
    [InlineData(4011)]
    [InlineData(4012)]
    [InlineData(4013)]
    [InlineData(4014)]
    public async Task Close_FatalCode_StopsWithTheReasonAndDoesNotReconnect(int closeCode)
    {
        await using var loop = await LoopbackGateway.StartAsync();
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.CloseGatewayAsync(closeCode);

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => loop.Gateway.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(closeCode, fatal.CloseCode);
        Assert.Equal(0, fatal.ShardId);
        Assert.Contains(closeCode.ToString(), fatal.Message);
        Assert.Single(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Identify);
        Assert.DoesNotContain(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Resume);
        Assert.Contains(loop.Harness.LogProvider.Collector.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Critical && r.Message.Contains(closeCode.ToString()));
    }

    [Fact]
    public async Task Identify_WithWrongToken_FakeClosesWith4004AndClientStops()
    {
        await using var loop = await LoopbackGateway.StartAsync(token: "not-the-token");

        var fatal = await Assert.ThrowsAsync<GatewayFatalException>(() => loop.Gateway.Completion.WaitAsync(TimeSpan.FromSeconds(10)));

        Assert.Equal(4004, fatal.CloseCode);
        Assert.Contains("Discord:Token", fatal.Message);
        Assert.DoesNotContain("not-the-token", fatal.Message);
    }

    private static JsonNode Guild(string id, string name) =>
        new JsonObject { ["id"] = id, ["name"] = name, ["unavailable"] = false, ["member_count"] = 3, ["channels"] = new JsonArray() };
}
