using FakeDiscord;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Tests.Gateway.Support;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>Zombie detection over real sockets: FakeDiscord stops ACKing, the clock is fake.</summary>
public sealed class GatewayZombieLoopbackTests
{
    [Fact]
    public async Task Heartbeat_FakeStopsAcking_ClientClosesNon1000AndResumes()
    {
        var fakeOptions = new FakeDiscordOptions { HeartbeatIntervalMs = 10_000 };
        await using var loop = await LoopbackGateway.StartAsync(fakeOptions);
        await loop.Events.WaitForAsync<ReadyEvent>();
        fakeOptions.AckHeartbeats = false;
        var firstDelay = TimeSpan.FromMilliseconds(Math.Floor(10_000 * GatewayHarness.FirstJitter(0)));
        await loop.Time.WaitForTimerAsync(firstDelay);

        loop.Time.Advance(firstDelay);
        await loop.Fake.WaitForHeartbeatAsync();
        await loop.Time.WaitForTimerAsync(TimeSpan.FromMilliseconds(10_000));
        fakeOptions.AckHeartbeats = true;
        loop.Time.Advance(TimeSpan.FromMilliseconds(10_000));

        var close = await loop.Fake.WaitForClientCloseAsync();
        var resume = await loop.Fake.WaitForResumeAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();
        Assert.Equal(GatewayCloseCodes.ZombieConnection, close.CloseCode);
        Assert.Equal(FakeDiscordServer.ResumeGatewayPath, resume.Path);
        Assert.Single(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Identify);
    }
}
