using System.Text.Json;

namespace ReviewBot.Discord.Gateway.Payloads;

/// <summary>Reads Hello (op 10): the one thing in it the client needs is heartbeat_interval.</summary>
internal static class HelloPayload
{
    /// <summary>
    /// Heartbeats spend gateway sends (120 a minute, docs: Events, Gateway, "Rate Limiting"); one a
    /// second at most leaves half of them for everything else. Discord's own is about 41 s.
    /// </summary>
    public static readonly TimeSpan MinHeartbeatInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Far above Discord's ~41 s: with an interval of many minutes a dead connection would go unnoticed
    /// for as long, and Discord would drop the Session for the missing heartbeats first.
    /// </summary>
    public static readonly TimeSpan MaxHeartbeatInterval = TimeSpan.FromMinutes(5);

    /// <summary>The interval when <paramref name="data"/> holds a whole number of milliseconds in range; otherwise null.</summary>
    public static TimeSpan? HeartbeatInterval(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("heartbeat_interval", out var value)
            || value.ValueKind != JsonValueKind.Number
            || !value.TryGetInt64(out var milliseconds))
        {
            return null;
        }

        // Compared as numbers first: a TimeSpan cannot hold every long count of milliseconds.
        return milliseconds >= (long)MinHeartbeatInterval.TotalMilliseconds && milliseconds <= (long)MaxHeartbeatInterval.TotalMilliseconds
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;
    }
}
