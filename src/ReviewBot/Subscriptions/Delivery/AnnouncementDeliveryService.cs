using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Charts;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Shared;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Drains the outbox: wakes on this process's signal or every <see cref="AnnouncementOptions.PollInterval"/>
/// (for rows another process queued), reads a batch of work in one query, and delivers it channel
/// by channel: sequentially within a channel (publication order), channels in parallel up to a bound.
/// A channel whose head waits for a retry holds its later announcements back, so order survives outages.
/// An idle poll first asks SQLite whether anything was committed since the last look (<see cref="OutboxChangeProbe"/>)
/// and skips the outbox query when nothing was; confirmed posts are recorded in batches (<see cref="SentMarkBuffer"/>).
/// Each pass also lets <see cref="PauseNotifier"/> look for pauses no server was told about yet (now and then).
/// </summary>
public sealed class AnnouncementDeliveryService(
    AnnouncementStore announcements,
    SubscriptionStore subscriptions,
    AnnouncementSender sender,
    PauseNotifier notifier,
    AnnouncementSignal signal,
    OutboxChangeProbe changes,
    ChartCache charts,
    IOptions<AnnouncementOptions> options,
    TimeProvider time,
    ILogger<AnnouncementDeliveryService> logger) : BackgroundService
{
    /// <summary>Even with no commit seen, the outbox is read at least this often (a safety net, e.g. for clock-driven retries).</summary>
    public static readonly TimeSpan FullLookEvery = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A channel's queue posted for longer than this (Discord allows a channel about 5 messages per 5 s)
    /// asks again before its next post whether its subscriptions are still active, so an /unsubscribe or
    /// a pause stops the posting there instead of at the end of the pass.
    /// </summary>
    public static readonly TimeSpan RecheckLaneEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest wait after passes that keep failing (the database unreachable, or locked for longer
    /// than the busy timeout): from the poll interval, doubling, up to this, so an outage is an error a
    /// minute, not one every poll. A signal (a review saved here) still wakes the worker at once.
    /// </summary>
    public static readonly TimeSpan MaxFailedPassDelay = TimeSpan.FromMinutes(1);

    private bool _lastPassHadWork = true;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var mustLook = true;
        var lastLook = time.GetTimestamp();
        var failedPasses = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var progressed = 0;
            var wait = options.Value.PollInterval;
            try
            {
                // Always read the version first, so a commit during the pass shows as a change next time.
                var changed = await changes.ChangedAsync(stoppingToken);
                if (changed || mustLook || _lastPassHadWork || time.GetElapsedTime(lastLook) >= FullLookEvery)
                {
                    lastLook = time.GetTimestamp();
                    progressed = await RunPassAsync(stoppingToken);
                }

                failedPasses = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // E.g. the database is locked for longer than the busy timeout: log and look again, later each time.
                wait = new ExponentialBackoff(options.Value.PollInterval, MaxFailedPassDelay).Delay(++failedPasses);
                logger.LogError(ex, "Announcement delivery pass failed; trying again in {RetryDelay}", wait);
                _lastPassHadWork = true;
            }

            // After progress, look again at once; after an empty pass, wait for a signal (look) or the poll interval (probe first).
            mustLook = true;
            if (progressed == 0)
            {
                try
                {
                    mustLook = await signal.WaitAsync(wait, time, stoppingToken);
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
        // Here, not only where a channel is paused: a notice whose telling was cut short (this process or
        // another stopped, Discord failed the post) has nothing else to bring it back in a process that
        // runs no gateway, and so hears no GUILD_CREATE.
        await notifier.NotifyUnnoticedAsync(cancellationToken);
        var work = await announcements.LoadWorkAsync(options.Value.BatchSize, cancellationToken);
        _lastPassHadWork = work.Count > 0;
        if (work.Count == 0)
        {
            return 0;
        }

        var reviews = await announcements.LoadContentAsync(work.Select(w => w.ReviewId).Distinct().ToList(), cancellationToken);
        await charts.PrepareAsync(reviews.Values, cancellationToken);
        var lanes = work.GroupBy(w => w.ChannelId).Select(g => g.ToList()).ToList();
        var now = time.GetUtcNow();
        var progressed = 0;
        var sent = new SentMarkBuffer(announcements, time);
        using var flushing = new CancellationTokenSource();
        var periodicFlush = sent.FlushPeriodicallyAsync(flushing.Token);
        try
        {
            await Parallel.ForEachAsync(
                lanes,
                new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxParallelChannels, CancellationToken = cancellationToken },
                async (lane, token) =>
                {
                    var checkedAt = time.GetTimestamp();
                    foreach (var item in lane)
                    {
                        if (time.GetElapsedTime(checkedAt) >= RecheckLaneEvery)
                        {
                            checkedAt = time.GetTimestamp();
                            if (!await subscriptions.AllActiveAsync(lane.Select(w => w.SubscriptionId).Distinct().ToList(), token))
                            {
                                break; // removed or paused meanwhile: the next pass reads what is still wanted here
                            }
                        }

                        if (item.NextAttemptAt > now)
                        {
                            if (item.IsEdit)
                            {
                                continue; // an edit's retry does not hold back new posts
                            }

                            break; // the head waits for its retry; later reviews keep their order behind it
                        }

                        if (!await sender.DeliverAsync(item, reviews.GetValueOrDefault(item.ReviewId), token, sent))
                        {
                            break;
                        }

                        Interlocked.Increment(ref progressed);
                    }
                });
        }
        finally
        {
            await flushing.CancelAsync();
            await periodicFlush;
            // Even when stopping: what Discord confirmed is recorded before the pass ends (a shutdown is not a crash).
            await sent.FlushAsync(CancellationToken.None);
        }

        return progressed;
    }
}
