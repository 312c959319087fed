using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;
using ReviewBot.Duties;

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
        services.AddOneAtATimeDuty<InboxService>(Duty.Inbox, duties => duties.Sources);
        services.AddOneAtATimeDuty<FeedPollingService>(Duty.Feeds, duties => duties.Sources);
        return services;
    }
}
