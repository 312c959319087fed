using System.Collections.Concurrent;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Each server's system channel, as GUILD_CREATE last told (it arrives for every server on each
/// connect, so memory is enough), or as Discord answered when asked (a process that runs no gateway):
/// where the bot tells a server that it paused its announcements.
/// </summary>
public sealed class GuildSystemChannels
{
    private readonly ConcurrentDictionary<ulong, ulong?> _systemChannels = new();

    public void Set(ulong guildId, ulong? systemChannelId) => _systemChannels[guildId] = systemChannelId;

    public void Remove(ulong guildId) => _systemChannels.TryRemove(guildId, out _);

    public ulong? SystemChannel(ulong guildId) => _systemChannels.TryGetValue(guildId, out var channel) ? channel : null;

    /// <summary>Whether the server's system channel is known (<paramref name="systemChannel"/> null: it has none).</summary>
    public bool Knows(ulong guildId, out ulong? systemChannel) => _systemChannels.TryGetValue(guildId, out systemChannel);
}
