using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord;

public static class DiscordGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="DiscordGateway"/> (all Shards plus the event dispatcher). Bind
    /// <see cref="DiscordOptions"/> separately; register handlers with <see cref="AddGatewayEventHandler{THandler}"/>
    /// and the REST client as <see cref="IGatewayBotSource"/> (needed unless GatewayUrl and a numeric
    /// ShardCount are set).
    /// </summary>
    public static IServiceCollection AddDiscordGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        services.AddOptions<DiscordOptions>();
        var gatewayOptions = services.AddOptions<GatewayOptions>().ValidateOnStart();
        if (configure is not null)
        {
            gatewayOptions.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGatewayTransportFactory, WebSocketGatewayTransportFactory>();
        services.TryAddSingleton<GatewayEventHandlers>();
        services.TryAddSingleton<DiscordGateway>();
        return services;
    }

    /// <summary>
    /// Adds a handler (one instance) for each event type it implements <see cref="IGatewayEventHandler{TEvent}"/>
    /// for; it runs off the receive loop. Adding the same handler twice adds it once. The container builds
    /// <typeparamref name="THandler"/> through its public constructor, which the annotation keeps when trimmed.
    /// </summary>
    public static IServiceCollection AddGatewayEventHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IServiceCollection services)
        where THandler : class
    {
        services.TryAddSingleton<THandler>();
        var subscribed = Subscribe<ReadyEvent, THandler>(services)
            | Subscribe<ResumedEvent, THandler>(services)
            | Subscribe<GuildCreateEvent, THandler>(services)
            | Subscribe<GuildUpdateEvent, THandler>(services)
            | Subscribe<GuildDeleteEvent, THandler>(services)
            | Subscribe<ChannelDeleteEvent, THandler>(services)
            | Subscribe<GuildRoleDeleteEvent, THandler>(services)
            | Subscribe<InteractionCreateEvent, THandler>(services);
        if (!subscribed)
        {
            throw new ArgumentException($"{typeof(THandler).Name} implements no IGatewayEventHandler<TEvent> for an event the gateway delivers.", nameof(THandler));
        }

        return services;
    }

    private static bool Subscribe<TEvent, THandler>(IServiceCollection services)
        where TEvent : GatewayEvent
        where THandler : class
    {
        if (!typeof(IGatewayEventHandler<TEvent>).IsAssignableFrom(typeof(THandler)))
        {
            return false;
        }

        if (!services.Any(d => d.ServiceType == typeof(IGatewayEventHandler<TEvent>) && d.ImplementationFactory?.Target is HandlerOf<THandler>))
        {
            services.AddSingleton(new HandlerOf<THandler>().Resolve<TEvent>);
        }

        return true;
    }

    /// <summary>Resolves the one <typeparamref name="THandler"/> as a handler of each event type; also marks the registration as its.</summary>
    private sealed class HandlerOf<THandler>
        where THandler : class
    {
        public IGatewayEventHandler<TEvent> Resolve<TEvent>(IServiceProvider provider)
            where TEvent : GatewayEvent =>
            (IGatewayEventHandler<TEvent>)provider.GetRequiredService<THandler>();
    }
}
