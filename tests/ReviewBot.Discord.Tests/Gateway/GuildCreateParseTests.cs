using System.Text.Json;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Tests.Gateway;

[Collection(HeapMeasurementCollection.Name)]
public sealed class GuildCreateParseTests
{
    /// <summary>A GUILD_CREATE as Discord sends it for a mid-sized server, minus members and presences.</summary>
    private static string Guild()
    {
        var channels = string.Join(",", Enumerable.Range(1, 12).Select(c =>
            $$"""{"id":"{{1700000000000000000 + c}}","type":{{(c == 12 ? 15 : 0)}},"name":"channel-{{c}}","position":{{c}},"permission_overwrites":[],"topic":"Talk about this season's shows"}"""));
        var roles = string.Join(",", Enumerable.Range(0, 6).Select(r =>
            $$"""{"id":"{{1700000000000000100 + r}}","name":"role-{{r}}","permissions":"1071698660929","position":{{r}},"color":0,"hoist":false,"managed":false,"mentionable":true}"""));
        return $$"""{"id":"1700000000000000000","name":"Anime Club 7","unavailable":false,"member_count":57,"owner_id":"1500000000000000001","system_channel_id":"1700000000000000001","channels":[{{channels}}],"roles":[{{roles}}]}""";
    }

    [Fact]
    public void GuildCreate_KeepsWhatTheHandlersRead()
    {
        using var document = JsonDocument.Parse(Guild());

        var created = Assert.IsType<GuildCreateEvent>(GatewayEventParser.Parse(0, "GUILD_CREATE", document.RootElement));

        Assert.Equal(1700000000000000000UL, created.Guild.Id.Value);
        Assert.False(created.Guild.Unavailable);
        Assert.Equal(1700000000000000001UL, created.Guild.SystemChannelId!.Value.Value);
        Assert.Equal(Enumerable.Range(1, 12).Select(c => 1700000000000000000UL + (ulong)c), created.Guild.Channels!.Select(c => c.Id.Value));
    }

    [Fact]
    public void GuildCreate_HoldsLittleMoreThanItsIds()
    {
        // Each event of a connect's wave of GUILD_CREATEs waits in the gateway's queues while the
        // handlers catch up: what a parsed event holds, times the events waiting, is what the wave
        // keeps alive. Names, topics and counts nobody reads would be a string and an object per channel.
        using var document = JsonDocument.Parse(Guild());
        var events = new GatewayEvent?[1000];
        events[0] = GatewayEventParser.Parse(0, "GUILD_CREATE", document.RootElement);

        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < events.Length; i++)
        {
            events[i] = GatewayEventParser.Parse(0, "GUILD_CREATE", document.RootElement);
        }

        var held = (GC.GetTotalMemory(forceFullCollection: true) - before) / events.Length;
        GC.KeepAlive(events);
        Assert.True(held <= 400, $"a parsed GUILD_CREATE with 12 channels holds {held} bytes");
    }
}
