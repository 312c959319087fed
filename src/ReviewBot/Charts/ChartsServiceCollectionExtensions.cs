using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ReviewBot.Charts;

public static class ChartsServiceCollectionExtensions
{
    /// <summary>The episode-score chart and its cache; used by /review, announcements and ask --chart.</summary>
    public static IServiceCollection AddCharts(this IServiceCollection services)
    {
        services.TryAddSingleton<ChartFont>();
        services.TryAddSingleton<EpisodeChart>();
        services.TryAddSingleton<ChartCache>();
        return services;
    }
}
