using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// Turns a Dispatch's name and <c>d</c> into a typed event, read once here (handlers never see JSON);
/// events the bot does not use give null.
/// </summary>
internal static class GatewayEventParser
{
    /// <summary>The event names <see cref="Parse"/> reads, most frequent first.</summary>
    private static readonly string[] Read = ["INTERACTION_CREATE", "GUILD_CREATE", "CHANNEL_DELETE", "GUILD_DELETE", "GUILD_ROLE_DELETE", "GUILD_UPDATE", "READY", "RESUMED"];

    /// <summary>A Dispatch's <c>t</c>: for the events the bot reads, the same string instance each time rather than a new one per event.</summary>
    public static string NameOf(JsonElement t)
    {
        if (t.ValueKind != JsonValueKind.String)
        {
            return "";
        }

        try
        {
            foreach (var name in Read)
            {
                if (t.ValueEquals(name))
                {
                    return name;
                }
            }

            return t.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // A name that is no Unicode text (an escaped lone surrogate) names no event the bot reads;
            // thrown from the receive loop, it would end the connection.
            return "";
        }
    }

    /// <summary>The typed event, or null for an event the bot does not read; a <c>d</c> it cannot use throws <see cref="JsonException"/>.</summary>
    public static GatewayEvent? Parse(int shardId, string eventName, JsonElement data) => eventName switch
    {
        "READY" => ToReady(shardId, ReadObject(eventName, data, GatewayJsonContext.Default.ReadyData)),
        "RESUMED" => new ResumedEvent(shardId),
        "GUILD_CREATE" => new GuildCreateEvent(shardId, ReadObject(eventName, data, GatewayJsonContext.Default.GuildCreateData)),
        "GUILD_UPDATE" => ToGuildUpdate(shardId, ReadObject(eventName, data, GatewayJsonContext.Default.GuildUpdateData)),
        "GUILD_DELETE" => ToGuildDelete(shardId, ReadObject(eventName, data, GatewayJsonContext.Default.UnavailableGuild)),
        "CHANNEL_DELETE" => new ChannelDeleteEvent(shardId, ReadObject(eventName, data, GatewayJsonContext.Default.ChannelDeleteData)),
        "GUILD_ROLE_DELETE" => ToGuildRoleDelete(shardId, ReadObject(eventName, data, GatewayJsonContext.Default.GuildRoleDeleteData)),
        "INTERACTION_CREATE" => ToInteractionCreate(shardId, Object(eventName, data)),
        _ => null,
    };

    /// <summary>
    /// Every event the bot reads carries an object as <c>d</c> (docs: Events, Gateway Events, "Payload Structure").
    /// Anything else (no <c>d</c>, null, an array) is a malformed event, reported as one: another
    /// exception would end the connection, and on Resume Discord replays the same event, again and again.
    /// </summary>
    private static JsonElement Object(string eventName, JsonElement data) =>
        data.ValueKind == JsonValueKind.Object
            ? data
            : throw new JsonException($"{eventName} carries {(data.ValueKind == JsonValueKind.Undefined ? "no d" : $"a d of kind {data.ValueKind}")}, not an object.");

    private static T ReadObject<T>(string eventName, JsonElement data, JsonTypeInfo<T> type)
        where T : class =>
        Object(eventName, data).Deserialize(type) ?? throw new JsonException($"{eventName} could not be read.");

    /// <summary>
    /// A READY without a session_id starts no Session; it is malformed. One without a usable
    /// resume_gateway_url still does: the Shard then Resumes through the gateway URL (see GatewayShard).
    /// </summary>
    private static ReadyEvent ToReady(int shardId, ReadyData ready) =>
        ready is { SessionId.Length: > 0, User: not null, Guilds: not null }
            ? new(shardId, ready.SessionId, ready.User.Id, ready.Application?.Id, ready.Guilds)
            : throw new JsonException("READY lacks session_id, user or guilds.");

    private static GuildRoleDeleteEvent ToGuildRoleDelete(int shardId, GuildRoleDeleteData deleted) =>
        new(shardId, deleted.GuildId, deleted.RoleId);

    /// <summary>The clock starts before the interaction is read, so the host's latency includes reading it.</summary>
    private static InteractionCreateEvent ToInteractionCreate(int shardId, JsonElement data)
    {
        var received = Stopwatch.GetTimestamp();
        return new InteractionCreateEvent(shardId, InteractionJson.Parse(data)) { ReceivedTimestamp = received };
    }

    private static GuildUpdateEvent ToGuildUpdate(int shardId, GuildUpdateData updated) =>
        new(shardId, updated.Id, updated.SystemChannelId);

    private static GuildDeleteEvent ToGuildDelete(int shardId, UnavailableGuild guild) =>
        new(shardId, guild.Id, guild.Unavailable ?? false);
}
