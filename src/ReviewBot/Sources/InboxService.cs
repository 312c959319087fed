using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Sources;

namespace ReviewBot.Sources;

/// <summary>Runs the inbox folder watcher (Reviews:InboxDirectory) while the bot runs; returns at once when the inbox is off.</summary>
internal sealed class InboxService(InboxWatcher watcher, TimeProvider timeProvider, ILogger<InboxService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        SupervisedLoop.RunAsync("inbox", watcher.RunAsync, timeProvider, logger, stoppingToken);
}
