using System.Diagnostics;
using System.Text.Json;
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
    private static readonly string[] Read = ["INTERACTION_CREATE", "GUILD_CREATE", "CHANNEL_DELETE", "GUILD_DELETE", "READY", "RESUMED"];

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

    public static GatewayEvent? Parse(int shardId, string eventName, JsonElement data) => eventName switch
    {
        "READY" => ToReady(shardId, data.Deserialize(GatewayJsonContext.Default.ReadyData)!),
        "RESUMED" => new ResumedEvent(shardId),
        "GUILD_CREATE" => new GuildCreateEvent(shardId, data.Deserialize(GatewayJsonContext.Default.GuildCreateData)!),
        "GUILD_DELETE" => ToGuildDelete(shardId, data.Deserialize(GatewayJsonContext.Default.UnavailableGuild)!),
        "CHANNEL_DELETE" => new ChannelDeleteEvent(shardId, data.Deserialize(GatewayJsonContext.Default.ChannelDeleteData)!),
        "INTERACTION_CREATE" => ToInteractionCreate(shardId, data),
        _ => null,
    };

    private static ReadyEvent ToReady(int shardId, ReadyData ready) =>
        new(shardId, ready.SessionId, ready.User.Id, ready.Application?.Id, ready.Guilds);

    /// <summary>The clock starts before the interaction is read, so the host's latency includes reading it.</summary>
    private static InteractionCreateEvent ToInteractionCreate(int shardId, JsonElement data)
    {
        var received = Stopwatch.GetTimestamp();
        return new InteractionCreateEvent(shardId, InteractionJson.Parse(data)) { ReceivedTimestamp = received };
    }

    private static GuildDeleteEvent ToGuildDelete(int shardId, UnavailableGuild guild) =>
        new(shardId, guild.Id, guild.Unavailable ?? false);
}
