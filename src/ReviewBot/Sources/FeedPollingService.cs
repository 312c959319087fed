using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Sources;

namespace ReviewBot.Sources;

/// <summary>Polls the configured feeds (Feeds:Sources) while the bot runs; returns at once when none are configured.</summary>
internal sealed class FeedPollingService(FeedPoller poller, TimeProvider timeProvider, ILogger<FeedPollingService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SupervisedLoop.RunAsync("feed polling", poller.RunAsync, timeProvider, logger, stoppingToken);
}
