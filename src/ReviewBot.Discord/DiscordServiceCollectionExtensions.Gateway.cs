using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord;

public static class DiscordGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiscordGateway"/> (all Shards plus the event dispatcher). Bind
    /// <see cref="DiscordOptions"/> separately; register handlers as <see cref="IGatewayEventHandler"/>
    /// and the REST client as <see cref="IGatewayBotSource"/> (needed unless GatewayUrl and a numeric
    /// ShardCount are set).
    /// </summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        services.AddOptions<DiscordOptions>();
        var gatewayOptions = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            gatewayOptions.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGatewayTransportFactory, WebSocketGatewayTransportFactory>();
        services.TryAddSingleton<DiscordGateway>();
        return services;
    }

    /// <summary>Adds a handler for gateway events (runs off the receive loop).</summary>
    public static IServiceCollection AddGatewayEventHandler<THandler>(this IServiceCollection services)
        where THandler : class, IGatewayEventHandler
    {
        services.AddSingleton<IGatewayEventHandler, THandler>();
        return services;
    }
}
