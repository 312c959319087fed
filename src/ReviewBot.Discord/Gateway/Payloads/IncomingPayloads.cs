using System.Text.Json.Serialization;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway.Payloads;

/// <summary>Hello (op 10).</summary>
public sealed record HelloData([property: JsonPropertyName("heartbeat_interval")] int HeartbeatInterval);

/// <summary>READY: the fields a bot needs to resume later (docs: Events, Gateway, "Resuming").</summary>
public sealed record ReadyData(
    [property: JsonPropertyName("v")] int Version,
    [property: JsonPropertyName("user")] ReadyUser User,
    [property: JsonPropertyName("guilds")] IReadOnlyList<UnavailableGuild> Guilds,
    [property: JsonPropertyName("session_id")] string SessionId,
    [property: JsonPropertyName("resume_gateway_url")] string ResumeGatewayUrl,
    [property: JsonPropertyName("shard")] int[]? Shard,
    [property: JsonPropertyName("application")] ReadyApplication? Application);

public sealed record ReadyUser(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("username")] string? Username);

public sealed record ReadyApplication([property: JsonPropertyName("id")] Snowflake Id);

public sealed record UnavailableGuild(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("unavailable")] bool? Unavailable);

public sealed record GuildCreateData(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("unavailable")] bool? Unavailable,
    [property: JsonPropertyName("member_count")] int? MemberCount,
    [property: JsonPropertyName("system_channel_id")] Snowflake? SystemChannelId,
    [property: JsonPropertyName("channels")] IReadOnlyList<GuildChannelData>? Channels);

public sealed record GuildChannelData(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("type")] int Type,
    [property: JsonPropertyName("name")] string? Name);

public sealed record ChannelDeleteData(
    [property: JsonPropertyName("id")] Snowflake Id,
    [property: JsonPropertyName("guild_id")] Snowflake? GuildId,
    [property: JsonPropertyName("type")] int Type);
