using FakeDiscord;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Tests.Gateway.Support;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>A gateway message past <see cref="GatewayOptions.MaxMessageBytes"/> costs the connection, never unbounded memory, and the Session goes on.</summary>
public sealed class GatewayMessageSizeTests
{
    private const int Limit = 128 * 1024;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Message_PastTheLimit_ClosesWith1009ResumesAndWarnsOnceWithTheLimit(bool finish)
    {
        await using var loop = await LoopbackGateway.StartAsync(tune: o => o.MaxMessageBytes = Limit);
        await loop.Events.WaitForAsync<ReadyEvent>();

        await loop.Fake.SendLongMessageAsync(4 * Limit, finish);
        var close = await loop.Fake.WaitForClientCloseAsync();
        var resume = await loop.Fake.WaitForResumeAsync();
        await loop.Events.WaitForAsync<ResumedEvent>();
        await loop.Fake.DispatchAsync("GUILD_DELETE", System.Text.Json.Nodes.JsonNode.Parse("""{"id":"9","unavailable":true}""")!);
        await loop.Events.WaitForAsync<GuildDeleteEvent>();

        if (finish)
        {
            Assert.Equal(GatewayCloseCodes.MessageTooBig, close.CloseCode);
        }
        else
        {
            // The client sends 1009 and drops the socket with the endless message's rest unread, which
            // resets the connection: the fake, blocked sending that rest, may see the reset before it
            // reads the close frame. Any close code other than ours is still a failure.
            Assert.True(close.CloseCode is null or GatewayCloseCodes.MessageTooBig, $"closed with {close.CloseCode}");
        }

        Assert.Equal(FakeDiscordServer.ResumeGatewayPath, resume.Path);
        Assert.Single(loop.Fake.GatewayFrames, f => f.Op == (int)GatewayOpCode.Identify);
        var warning = Assert.Single(loop.Harness.LogProvider.Collector.GetSnapshot(), r => r.Level >= LogLevel.Warning);
        Assert.Contains(Limit.ToString(System.Globalization.CultureInfo.InvariantCulture), warning.Message, StringComparison.Ordinal);
        Assert.Null(warning.Exception);
    }
}
