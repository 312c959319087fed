using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Storage;
using ReviewBot.Shared;

namespace ReviewBot.Duties;

/// <summary>
/// Runs a hosted service only while this process holds its <see cref="Duty"/>: waits for the lease,
/// starts the service, and stops it when the lease is lost (the database session holding it ended)
/// or the host stops; after a loss it queues for the duty again. A process whose Duties setting
/// leaves the duty out never asks for it. Generic over the service so that each duty is its own
/// hosted-service type (the host registers one instance per type). While the database cannot be
/// asked at all, it asks again later and later (the bot's one backoff rule, from
/// <see cref="DutyLocks.RetryInterval"/> to <see cref="MaxUnreachableRetry"/>), so an outage of the
/// database is a few log entries a minute per duty, not one every two seconds.
/// </summary>
internal sealed class OneAtATimeDuty<TService>(Duty duty, bool enabled, TService inner, DutyLocks locks, TimeProvider time, ILogger<OneAtATimeDuty<TService>> logger)
    : BackgroundService
    where TService : IHostedService
{
    /// <summary>The longest wait between two questions to a database that could not be asked: how late a duty may start once it is back.</summary>
    public static readonly TimeSpan MaxUnreachableRetry = TimeSpan.FromSeconds(30);

    private static readonly ExponentialBackoff Unreachable = new(DutyLocks.RetryInterval, MaxUnreachableRetry);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!enabled)
        {
            logger.LogInformation("{Duty} is not among this process's duties", duty);
            return;
        }

        var unreachable = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            DutyLease lease;
            try
            {
                lease = await locks.AcquireAsync(duty, stoppingToken);
                unreachable = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database is unreachable: nobody can hold the duty safely; ask again, later each time.
                var delay = Unreachable.Delay(++unreachable);
                logger.LogError("Could not ask the database for {Duty}: {Reason}; asking again in {RetryDelay}", duty, ex.Message, delay);
                await WaitQuietlyAsync(delay, stoppingToken);
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

    private async Task WaitQuietlyAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping or lost: the caller decides.
        }
    }
}
