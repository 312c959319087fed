using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Charts;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Subscriptions;

public static class AnnouncementsServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions and announcements for the running bot: the outbox (also registered by
    /// AddReviewBotCore), the delivery worker, the gateway handler for channel and server removal,
    /// and the /subscribe, /unsubscribe and /subscriptions commands with the Resume button.
    /// Needs AddReviewBotCore and AddDiscordRest; binds the optional <c>Announcements</c> section.
    /// </summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSubscriptions();
        services.AddOptions<AnnouncementOptions>()
            .Bind(configuration.GetSection(AnnouncementOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton(new DeliveryBackoff());
        services.TryAddSingleton<GuildDirectory>();
        services.AddCharts();
        services.TryAddSingleton<AnnouncementRenderer>();
        services.TryAddSingleton<PauseNotifier>();
        services.TryAddSingleton<AnnouncementSender>();
        services.TryAddSingleton<AnnouncementDeliveryService>();
        services.AddHostedService(provider => provider.GetRequiredService<AnnouncementDeliveryService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IGatewayEventHandler, AnnouncementGatewayHandler>());

        services.AddSubscriptionCommands();
        return services;
    }
}
