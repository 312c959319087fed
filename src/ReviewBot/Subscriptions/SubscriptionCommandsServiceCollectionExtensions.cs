using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

internal static class SubscriptionCommandsServiceCollectionExtensions
{
    /// <summary>/subscribe, /unsubscribe, /subscriptions and the Resume button, for the interaction router.</summary>
    public static IServiceCollection AddSubscriptionCommands(this IServiceCollection services)
    {
        services.TryAddSingleton<ShowOption>();
        services.TryAddSingleton<SubscriptionCommandOpening>();
        services.TryAddSingleton<ChannelProbe>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISlashCommand, SubscribeCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISlashCommand, UnsubscribeCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISlashCommand, SubscriptionsCommand>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IComponentHandler, ResumeSubscriptionHandler>());
        return services;
    }
}
