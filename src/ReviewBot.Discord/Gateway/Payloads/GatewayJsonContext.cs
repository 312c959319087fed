using System.Text.Json.Serialization;

namespace ReviewBot.Discord.Gateway.Payloads;

/// <summary>Source-generated System.Text.Json metadata for every gateway payload we read or write.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(GatewayPayload<IdentifyData>))]
[JsonSerializable(typeof(GatewayPayload<ResumeData>))]
[JsonSerializable(typeof(GatewayPayload<int?>))]
[JsonSerializable(typeof(ReadyData))]
[JsonSerializable(typeof(GuildCreateData))]
[JsonSerializable(typeof(GuildUpdateData))]
[JsonSerializable(typeof(UnavailableGuild))]
[JsonSerializable(typeof(ChannelDeleteData))]
[JsonSerializable(typeof(GuildRoleDeleteData))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
