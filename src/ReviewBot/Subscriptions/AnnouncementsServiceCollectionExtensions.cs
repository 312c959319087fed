using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Charts;
using ReviewBot.Core;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord;
using ReviewBot.Duties;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Subscriptions;

public static class AnnouncementsServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions and announcements for the running bot: the outbox (also registered by
    /// AddReviewBotCore), the delivery worker, the gateway handlers for servers coming and going and channels and roles deleted,
    /// and the /subscribe, /unsubscribe and /subscriptions commands with the Resume button.
    /// Needs AddReviewBotCore and AddDiscordRest; binds the optional <c>Announcements</c> section.
    /// </summary>
    public static IServiceCollection AddAnnouncements(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSubscriptions();
        services.AddOptions<AnnouncementOptions>()
            .Bind(configuration.GetSection(AnnouncementOptions.SectionName))
            .ValidateSingleValues(AnnouncementOptions.SectionName, configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AnnouncementOptions>, AnnouncementOptionsValidator>());

        services.TryAddSingleton(new DeliveryBackoff());
        services.TryAddSingleton<GuildSystemChannels>();
        services.AddCharts();
        services.TryAddSingleton<AnnouncementRenderer>();
        services.TryAddSingleton<AnnouncementBodies>();
        services.TryAddSingleton<PauseNotifier>();
        services.TryAddSingleton<AnnouncementSender>();
        services.AddOneAtATimeDuty<AnnouncementDeliveryService>(Duty.Delivery, duties => duties.Delivery);
        services.AddGatewayEventHandler<GuildAvailableHandler>();
        services.AddGatewayEventHandler<GuildUpdatedHandler>();
        services.AddGatewayEventHandler<GuildRemovedHandler>();
        services.AddGatewayEventHandler<ChannelDeletedHandler>();
        services.AddGatewayEventHandler<RoleDeletedHandler>();

        services.AddSubscriptionCommands();
        return services;
    }
}
