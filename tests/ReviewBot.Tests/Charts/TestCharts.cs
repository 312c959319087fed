using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Charts;
using ReviewBot.Core;

namespace ReviewBot.Tests.Charts;

/// <summary>
/// A chart cache composed as the host composes it, over a database that is never opened: for renderer
/// tests that only draw in memory (what an announcement does when its chart was not prepared).
/// </summary>
internal static class TestCharts
{
    public static ChartCache Cache()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Reviews"] = $"Data Source={Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"), "unused.db")}",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddReviewBotCore(configuration);
        services.AddCharts();
        return services.BuildServiceProvider().GetRequiredService<ChartCache>();
    }
}
