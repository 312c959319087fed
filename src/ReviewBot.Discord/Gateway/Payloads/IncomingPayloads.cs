using System.Text.Json.Serialization;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway.Payloads;

/// <summary>READY: the fields a bot needs to resume later (docs: Events, Gateway, "Resuming").</summary>
public sealed record ReadyData(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("user")] ReadyUser User,
    [property: JsonPropertyName("guilds")] IReadOnlyList<UnavailableGuild> Guilds,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("resume_gateway_url")] string? ResumeGatewayUrl,
    [property: JsonPropertyName("shard")] int[]? Shard,
    [property: JsonPropertyName("application")] ReadyApplication? Application);

public sealed record ReadyUser(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("username")] string? Username);

public sealed record ReadyApplication([property: JsonPropertyName("id")] Snowflake Id);

public sealed record UnavailableGuild(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("unavailable")] bool? Unavailable);

/// <summary>
/// GUILD_CREATE, only the fields a handler reads (the server, whether it is out, its system channel,
/// which channels and roles exist); the serializer skips the rest. Every server sends one on each connect, and
/// the events wait in the gateway's queues while the handlers catch up, so a name, a topic or a
/// member count parsed here would be held by each queued event, promoted with it by the collections
/// the wave causes, and kept by nothing.
/// </summary>
public sealed record GuildCreateData(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("unavailable")] bool? Unavailable,
    [property: JsonPropertyName("system_channel_id")] Snowflake? SystemChannelId,
    [property: JsonPropertyName("channels")] IReadOnlyList<GuildChannelId>? Channels,
    [property: JsonPropertyName("roles")] IReadOnlyList<GuildRoleId>? Roles = null);

/// <summary>
/// GUILD_UPDATE (GUILDS intent): a server's settings changed. Only the server and its system channel are
/// read, the channel the bot tells a server in; a server that set one after its GUILD_CREATE says so here.
/// </summary>
public sealed record GuildUpdateData(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("system_channel_id")] Snowflake? SystemChannelId);

/// <summary>A channel of a GUILD_CREATE: its id only, a struct so a server's channels are one array.</summary>
public readonly record struct GuildChannelId([property: JsonPropertyName("id")] Snowflake Id);

/// <summary>A role of a GUILD_CREATE: its id only, as for channels.</summary>
public readonly record struct GuildRoleId([property: JsonPropertyName("id")] Snowflake Id);

/// <summary>GUILD_ROLE_DELETE (GUILDS intent).</summary>
public sealed record GuildRoleDeleteData(
    [property: JsonPropertyName("guild_id")] Snowflake GuildId,
    [property: JsonPropertyName("role_id")] Snowflake RoleId);

public sealed record ChannelDeleteData(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("guild_id")] Snowflake? GuildId,
    [property: JsonPropertyName("type")] int Type);
