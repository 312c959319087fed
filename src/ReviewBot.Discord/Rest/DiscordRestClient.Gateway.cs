using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>GET /gateway/bot: the URL, recommended shards and session start limit. Not to be cached for long.</summary>
    public Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken) =>
        SendAsync(RestRoute.Create(HttpMethod.Get, "/gateway/bot", "/gateway/bot"), DiscordJsonContext.Default.GatewayBotResponse, cancellationToken);
}
