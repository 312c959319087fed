using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Hosting.Announcements;

/// <summary>
/// Drains the outbox: wakes on this process's signal or every <see cref="AnnouncementOptions.PollInterval"/>
/// (for rows another process queued), reads a batch of work in one query, and delivers it channel
/// by channel: sequentially within a channel (publication order), channels in parallel up to a bound.
/// A channel whose head waits for a retry holds its later announcements back, so order survives outages.
/// </summary>
public sealed class AnnouncementDeliveryService(
    AnnouncementStore announcements,
    AnnouncementSender sender,
    AnnouncementSignal signal,
    IOptions<AnnouncementOptions> options,
    TimeProvider time,
    ILogger<AnnouncementDeliveryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            var progressed = 0;
            try
            {
                progressed = await RunPassAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // E.g. the database is locked for longer than the busy timeout: log and look again later.
                logger.LogError(ex, "Announcement delivery pass failed; retrying after the poll interval");
            }

            if (progressed == 0)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, time, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
            }
        }
    }

    /// <summary>One pass over the due work; returns how many announcements reached a final state or were edited.</summary>
    public async Task<int> RunPassAsync(CancellationToken cancellationToken)
    {
        var work = await announcements.LoadWorkAsync(options.Value.BatchSize, cancellationToken);
        if (work.Count == 0)
        {
            return 0;
        }

        var reviews = await announcements.LoadContentAsync(work.Select(w => w.ReviewId).Distinct().ToList(), cancellationToken);
        var lanes = work.GroupBy(w => w.ChannelId).Select(g => g.ToList()).ToList();
        var now = time.GetUtcNow();
        var progressed = 0;
        await Parallel.ForEachAsync(
            lanes,
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelChannels, CancellationToken = cancellationToken },
            async (lane, token) =>
            {
                foreach (var item in lane)
                {
                    if (item.NextAttemptAt > now)
                    {
                        if (item.IsEdit)
                        {
                            continue; // an edit's retry does not hold back new posts
                        }

                        break; // the head waits for its retry; later reviews keep their order behind it
                    }

                    if (!await sender.DeliverAsync(item, reviews.GetValueOrDefault(item.ReviewId), token))
                    {
                        break;
                    }

                    Interlocked.Increment(ref progressed);
                }
            });
        return progressed;
    }
}
