using System.Globalization;
using System.Text.Json.Nodes;

namespace ReviewBot.Benchmarks.Data;

/// <summary>
/// INTERACTION_CREATE <c>d</c> objects shaped like Discord's (guild, channel, member with
/// permissions, app_permissions, locale): /review, /episode and show autocomplete.
/// </summary>
public static class InteractionPayloads
{
    public const ulong GuildId = 1_300_000_000_000_000_001;
    public const ulong ChannelId = 1_300_000_000_000_000_002;

    public static JsonObject Review(ulong id, ulong applicationId, string show, ulong channelId = ChannelId) =>
        Envelope(id, applicationId, 2, channelId, new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = "review",
            ["type"] = 1,
            ["options"] = new JsonArray(Option("show", 3, show)),
        });

    public static JsonObject Episode(ulong id, ulong applicationId, int number, string show, ulong channelId = ChannelId) =>
        Envelope(id, applicationId, 2, channelId, new JsonObject
        {
            ["id"] = "1400000000000000002",
            ["name"] = "episode",
            ["type"] = 1,
            ["options"] = new JsonArray(Option("number", 4, number), Option("show", 3, show)),
        });

    /// <summary>A command the bot does not know: answered with a fixed ephemeral line, no database, no embed.</summary>
    public static JsonObject Unknown(ulong id, ulong applicationId, ulong channelId = ChannelId) =>
        Envelope(id, applicationId, 2, channelId, new JsonObject
        {
            ["id"] = "1400000000000000099",
            ["name"] = "no-such-command",
            ["type"] = 1,
        });

    public static JsonObject Autocomplete(ulong id, ulong applicationId, string typed, ulong channelId = ChannelId)
    {
        var focused = Option("show", 3, typed);
        focused["focused"] = true;
        return Envelope(id, applicationId, 4, channelId, new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = "review",
            ["type"] = 1,
            ["options"] = new JsonArray(focused),
        });
    }

    /// <summary>A whole gateway Dispatch frame, as the socket delivers it.</summary>
    public static byte[] DispatchFrame(JsonObject data, int sequence) =>
        System.Text.Encoding.UTF8.GetBytes(new JsonObject
        {
            ["op"] = 0,
            ["s"] = sequence,
            ["t"] = "INTERACTION_CREATE",
            ["d"] = data,
        }.ToJsonString());

    public static string Token(ulong id) => "aW50ZXJhY3Rpb246" + id.ToString(CultureInfo.InvariantCulture) + "OmJlbmNoLXRva2VuLWxvbmctZW5vdWdoLXRvLWxvb2stcmVhbA";

    private static JsonObject Option(string name, int type, JsonNode? value) => new() { ["name"] = name, ["type"] = type, ["value"] = value };

    private static JsonObject Envelope(ulong id, ulong applicationId, int type, ulong channelId, JsonObject data) => new()
    {
        ["id"] = id.ToString(CultureInfo.InvariantCulture),
        ["application_id"] = applicationId.ToString(CultureInfo.InvariantCulture),
        ["type"] = type,
        ["token"] = Token(id),
        ["version"] = 1,
        ["guild_id"] = GuildId.ToString(CultureInfo.InvariantCulture),
        ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
        ["channel"] = new JsonObject
        {
            ["id"] = channelId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 0,
            ["name"] = "anime-reviews",
            ["guild_id"] = GuildId.ToString(CultureInfo.InvariantCulture),
        },
        ["member"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "1500000000000000001", ["username"] = "mika", ["global_name"] = "Mika", ["discriminator"] = "0" },
            ["roles"] = new JsonArray("1600000000000000001"),
            ["permissions"] = "2147483648",
            ["joined_at"] = "2024-01-01T00:00:00+00:00",
        },
        // As in a server that leaves Attach Files to @everyone (its default): /review answers carry the chart.
        ["app_permissions"] = "274878024704",
        ["locale"] = "en-US",
        ["guild_locale"] = "en-US",
        ["context"] = 0,
        ["entitlements"] = new JsonArray(),
        ["authorizing_integration_owners"] = new JsonObject { ["0"] = GuildId.ToString(CultureInfo.InvariantCulture) },
        ["data"] = data,
    };
}
