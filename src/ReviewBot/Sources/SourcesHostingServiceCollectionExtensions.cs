using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Sources;

namespace ReviewBot.Sources;

public static class SourcesHostingServiceCollectionExtensions
{
    /// <summary>
    /// The inbox folder and feed polling as hosted services, for the bot's run host. Needs
    /// AddReviewBotCore first (storage, importer); the database should be migrated before the host
    /// starts (DatabaseInitializer.EnsureReadyAsync), otherwise the loops fail and retry until it is.
    /// </summary>
    public static IServiceCollection AddReviewSourcesHosting(this IServiceCollection services)
    {
        services.AddReviewSources();
        services.AddHostedService<InboxService>();
        services.AddHostedService<FeedPollingService>();
        return services;
    }
}
