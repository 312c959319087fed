using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Subscriptions;

public static class SubscriptionsServiceCollectionExtensions
{
    /// <summary>
    /// Subscriptions and the outbox. Every process that stores reviews needs this (the bot and the
    /// <c>import</c> verb alike): it is what queues announcements in the review's transaction.
    /// Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddSubscriptions(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AnnouncementSignal>();
        services.TryAddSingleton<SubscriptionStore>();
        services.TryAddSingleton<SubscriptionResumes>();
        services.TryAddSingleton<PauseNotices>();
        services.TryAddSingleton<AnnouncementStore>();
        services.TryAddSingleton<OutboxChangeProbe>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewSaveParticipant, AnnouncementOutbox>());
        return services;
    }
}
