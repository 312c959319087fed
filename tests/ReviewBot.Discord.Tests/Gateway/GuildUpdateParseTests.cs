using System.Text.Json;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>GUILD_UPDATE, the event that tells the bot a server set, moved or removed its system channel.</summary>
public sealed class GuildUpdateParseTests
{
    [Fact]
    public void GuildUpdate_WithASystemChannel_ReadsTheServerAndTheChannel()
    {
        using var document = JsonDocument.Parse("""{"id":"1700000000000000000","name":"Anime Club 7","owner_id":"1500000000000000001","system_channel_id":"1700000000000000001","roles":[]}""");

        var updated = Assert.IsType<GuildUpdateEvent>(GatewayEventParser.Parse(0, "GUILD_UPDATE", document.RootElement));

        Assert.Equal(1700000000000000000UL, updated.GuildId.Value);
        Assert.Equal(1700000000000000001UL, updated.SystemChannelId!.Value.Value);
    }

    [Fact]
    public void GuildUpdate_SystemChannelRemoved_ReadsNone()
    {
        using var document = JsonDocument.Parse("""{"id":"1700000000000000000","name":"Anime Club 7","system_channel_id":null}""");

        var updated = Assert.IsType<GuildUpdateEvent>(GatewayEventParser.Parse(0, "GUILD_UPDATE", document.RootElement));

        Assert.Null(updated.SystemChannelId);
    }
}
