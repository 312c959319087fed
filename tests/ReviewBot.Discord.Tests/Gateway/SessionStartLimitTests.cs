using FakeDiscord;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>
/// The daily session start limit (docs: Events, Gateway, "Session Start Limit"): every Identify takes
/// one, and one past it gets the bot's token reset. Resumes take none.
/// </summary>
public sealed class SessionStartLimitTests
{
    private static readonly TimeSpan ResetAfter = TimeSpan.FromHours(1);

    [Fact]
    public async Task InvalidSessions_PastTheSessionStartLimit_WaitForItsResetInsteadOfIdentifying()
    {
        var fakeOptions = new FakeDiscordOptions { SessionStartsRemaining = 2, SessionStartResetAfterMs = (long)ResetAfter.TotalMilliseconds };
        await using var loop = await LoopbackGateway.StartAsync(fakeOptions, botSource: fake => new FakeDiscordBotSource(fake));
        await loop.Events.WaitForAsync<ReadyEvent>();

        // One Identify left: a session Discord will not resume takes it...
        await InvalidateSessionAsync(loop);
        await loop.Fake.WaitForIdentifyAsync(count: 2);
        await loop.Events.WaitForAsync<ReadyEvent>(r => r.SessionId == loop.Fake.GatewaySessions[^1].SessionId);

        // ...and the next waits for the limit's reset rather than spend one that is not there.
        await InvalidateSessionAsync(loop);
        await loop.Time.WaitForTimerAsync(ResetAfter - TimeSpan.FromMinutes(1), ResetAfter);
        Assert.Equal(2, loop.Fake.GatewayFrames.Count(f => f.Op == (int)GatewayOpCode.Identify));
        Assert.False(loop.Fake.SessionStartLimitExceeded);

        fakeOptions.SessionStartsRemaining = 1000;
        loop.Time.Advance(ResetAfter);
        await loop.Fake.WaitForIdentifyAsync(count: 3);
        await loop.Events.WaitForAsync<ReadyEvent>(r => r.SessionId == loop.Fake.GatewaySessions[^1].SessionId);
        Assert.False(loop.Fake.SessionStartLimitExceeded);
    }

    [Fact]
    public async Task Identify_WhenOtherProcessesSpentTheLimitSinceStart_AsksDiscordAgainAndWaits()
    {
        var fakeOptions = new FakeDiscordOptions { SessionStartsRemaining = 1000, SessionStartResetAfterMs = (long)ResetAfter.TotalMilliseconds };
        await using var loop = await LoopbackGateway.StartAsync(fakeOptions, botSource: fake => new FakeDiscordBotSource(fake));
        await loop.Events.WaitForAsync<ReadyEvent>();

        // Other processes of the same bot drew the rest meanwhile; this one last asked over a minute ago.
        fakeOptions.SessionStartsRemaining = 0;
        loop.Time.Advance(SessionStartBudget.ReadAgainAfter);
        await InvalidateSessionAsync(loop);
        await loop.Time.WaitForTimerAsync(ResetAfter - TimeSpan.FromMinutes(1), ResetAfter);

        Assert.Single(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Identify);
        Assert.False(loop.Fake.SessionStartLimitExceeded);
    }

    /// <summary>An Invalid Session Discord will not resume: the client waits 1–5 s, then Identifies.</summary>
    private static async Task InvalidateSessionAsync(LoopbackGateway loop)
    {
        await loop.Fake.SendInvalidSessionAsync(resumable: false);
        await loop.Time.WaitForTimerAsync(TimeSpan.FromSeconds(1), GatewayConnection.CloseTimeout - TimeSpan.FromTicks(1));
        loop.Time.Advance(IdentifyGate.BucketInterval);
    }

    /// <summary>GET /gateway/bot as FakeDiscord answers it now, as the REST client would read it.</summary>
    private sealed class FakeDiscordBotSource(FakeDiscordServer fake) : IGatewayBotSource
    {
        public Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken) =>
            Task.FromResult(new GatewayBotResponse(
                fake.GatewayUrl.ToString(),
                1,
                new SessionStartLimit(1000, fake.Options.SessionStartsRemaining, fake.Options.SessionStartResetAfterMs, 1)));
    }
}
