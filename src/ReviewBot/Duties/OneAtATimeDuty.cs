using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Storage;

namespace ReviewBot.Duties;

/// <summary>
/// Runs a hosted service only while this process holds its <see cref="Duty"/>: waits for the lease,
/// starts the service, and stops it when the lease is lost (the database session holding it ended)
/// or the host stops; after a loss it queues for the duty again. A process whose Duties setting
/// leaves the duty out never asks for it. Generic over the service so that each duty is its own
/// hosted-service type (the host registers one instance per type).
/// </summary>
internal sealed class OneAtATimeDuty<TService>(Duty duty, bool enabled, TService inner, DutyLocks locks, ILogger<OneAtATimeDuty<TService>> logger)
    : BackgroundService
    where TService : IHostedService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            logger.LogInformation("{Duty} is not among this process's duties", duty);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            DutyLease lease;
            try
            {
                lease = await locks.AcquireAsync(duty, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable: nobody can hold the duty safely; ask again shortly.
                logger.LogError("Could not ask the database for {Duty}: {Reason}", duty, ex.Message);
                await WaitQuietlyAsync(DutyLocks.RetryInterval, stoppingToken);
                continue;
            }

            logger.LogInformation("This process now runs {Duty}", duty);
            await using (lease)
            {
                using var running = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lease.Lost);
                await inner.StartAsync(running.Token);
                await WaitQuietlyAsync(Timeout.InfiniteTimeSpan, running.Token);
                await inner.StopAsync(CancellationToken.None);
            }
        }
    }

    private static async Task WaitQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping or lost: the caller decides.
        }
    }
}
