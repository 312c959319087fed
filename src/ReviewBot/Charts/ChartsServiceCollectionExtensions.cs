using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Storage;
using ReviewBot.Duties;

namespace ReviewBot.Charts;

public static class ChartsServiceCollectionExtensions
{
    /// <summary>
    /// The episode-score chart, the drawer Core's review store draws with when a review is stored, and
    /// the cache answers read stored charts through; used by /review, announcements, ask --chart and import.
    /// </summary>
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.TryAddSingleton<ChartFont>();
        services.TryAddSingleton<EpisodeChart>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewChartDrawer, EpisodeChart>(provider => provider.GetRequiredService<EpisodeChart>()));
        services.TryAddSingleton(provider => new ChartCache(
            provider.GetRequiredService<ReviewChartStore>(),
            provider.GetRequiredService<ReviewCharts>(),
            provider.GetServices<IReviewChartDrawer>().Last(),
            provider.GetRequiredService<ILogger<ChartCache>>()));
        return services;
    }

    /// <summary>The background drawing of missing charts, run by one process at a time among those whose duties include the sources.</summary>
    public static IServiceCollection AddChartBackfill(this IServiceCollection services)
    {
        services.AddCharts();
        services.AddOneAtATimeDuty<ChartBackfillService>(Duty.ChartBackfill, duties => duties.Sources);
        return services;
    }
}
