using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway;

/// <summary>Where the gateway learns its URL, the recommended shard count and max_concurrency (the REST client implements it).</summary>
public interface IGatewayBotSource
{
    Task<GatewayBotResponse> GetGatewayBotAsync(CancellationToken cancellationToken);
}
