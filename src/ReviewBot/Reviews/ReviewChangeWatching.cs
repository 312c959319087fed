using Microsoft.Extensions.Hosting;
using ReviewBot.Core.Answers;

namespace ReviewBot.Reviews;

/// <summary>
/// Runs the database's <see cref="IReviewChangeWatch"/> for as long as the bot answers: on PostgreSQL
/// the listener that lets /review and /episode reuse versions read before (without it they read each
/// one); on SQLite nothing, its check runs inside each answer.
/// </summary>
internal sealed class ReviewChangeWatching(IReviewChangeWatch watch) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => watch.WatchAsync(stoppingToken);
}
