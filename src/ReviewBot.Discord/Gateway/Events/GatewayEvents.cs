using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway.Events;

/// <summary>A Dispatch (op 0) the bot cares about, tagged with the Shard that received it.</summary>
public abstract record GatewayEvent(int ShardId);

/// <summary>READY: a new Session started on this Shard. Guilds arrive as unavailable stubs, then GUILD_CREATE each.</summary>
public sealed record ReadyEvent(int ShardId, string SessionId, Snowflake BotUserId, Snowflake? ApplicationId, IReadOnlyList<UnavailableGuild> Guilds)
    : GatewayEvent(ShardId);

/// <summary>RESUMED: a Resume finished; missed dispatches were replayed before it.</summary>
public sealed record ResumedEvent(int ShardId) : GatewayEvent(ShardId);

/// <summary>GUILD_CREATE: a guild became available, or the bot joined one.</summary>
public sealed record GuildCreateEvent(int ShardId, GuildCreateData Guild) : GatewayEvent(ShardId);

/// <summary>GUILD_UPDATE: a guild's settings changed; <see cref="SystemChannelId"/> as it is now (null: none).</summary>
public sealed record GuildUpdateEvent(int ShardId, Snowflake GuildId, Snowflake? SystemChannelId) : GatewayEvent(ShardId);

/// <summary>GUILD_DELETE: <see cref="Unavailable"/> true means an outage; false (absent) means the bot was removed.</summary>
public sealed record GuildDeleteEvent(int ShardId, Snowflake GuildId, bool Unavailable) : GatewayEvent(ShardId);

/// <summary>CHANNEL_DELETE.</summary>
public sealed record ChannelDeleteEvent(int ShardId, ChannelDeleteData Channel) : GatewayEvent(ShardId);

/// <summary>GUILD_ROLE_DELETE: a role of a server was deleted.</summary>
public sealed record GuildRoleDeleteEvent(int ShardId, Snowflake GuildId, Snowflake RoleId) : GatewayEvent(ShardId);

/// <summary>INTERACTION_CREATE: a slash command, autocomplete or component use, to be answered within 3 s.</summary>
public sealed record InteractionCreateEvent(int ShardId, Interaction Interaction) : GatewayEvent(ShardId)
{
    /// <summary>
    /// <see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the frame was read off the socket,
    /// so the host can measure its own latency up to the callback (Discord allows 3 s).
    /// </summary>
    public long ReceivedTimestamp { get; init; } = System.Diagnostics.Stopwatch.GetTimestamp();
}
