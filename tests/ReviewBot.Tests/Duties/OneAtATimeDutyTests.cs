using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Storage;
using ReviewBot.Duties;

namespace ReviewBot.Tests.Duties;

public sealed class OneAtATimeDutyTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task DatabaseThatCannotBeAsked_IsAskedAgainLaterAndLater_NotEveryTwoSeconds()
    {
        // A PostgreSQL address where nothing listens: every question fails at once, as in an outage.
        var options = Options.Create(new StorageOptions { ConnectionString = $"Host=127.0.0.1;Port={ClosedPort()};Username=reviewbot;Database=reviewbot;Timeout=2" });
        await using var database = new ReviewDatabase(options, new SqliteConnectionFactory(options));
        var time = new FakeTimeProvider();
        // Log records stamped on the bot's clock, so the test knows when the next question is due.
        var logger = new FakeLogger<OneAtATimeDuty<IdleService>>(new FakeLogCollector(Options.Create(new FakeLogCollectorOptions { TimeProvider = time })));
        var duty = new OneAtATimeDuty<IdleService>(
            Duty.Feeds, enabled: true, new IdleService(), new DutyLocks(database, time, NullLogger<DutyLocks>.Instance), time, logger);

        await duty.StartAsync(CancellationToken.None);
        try
        {
            // Two minutes on the bot's clock, a second at a time, each once the duty has had its turn.
            for (var second = 0; second < 120; second++)
            {
                var asked = Errors(logger);
                time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(10);
                var deadline = DateTime.UtcNow + Guard;
                while (Errors(logger) == asked && IsDue(logger, time))
                {
                    Assert.True(DateTime.UtcNow < deadline, "a question that was due was not asked");
                    await Task.Delay(5);
                }

                await Task.Delay(10); // the next wait armed on the bot's clock
            }
        }
        finally
        {
            await duty.StopAsync(CancellationToken.None);
        }

        // 2, 4, 8, 16 and 30 s apart, then every 30 s: 8 questions in two minutes (every 2 s was 60).
        var errors = logger.Collector.GetSnapshot().Where(l => l.Level == LogLevel.Error).ToList();
        Assert.InRange(errors.Count, 6, 9);
        Assert.Equal(
            ["00:00:02", "00:00:04", "00:00:08", "00:00:16", "00:00:30"],
            errors.Take(5).Select(e => e.StructuredState!.Single(p => p.Key == "RetryDelay").Value));
    }

    private static int Errors(FakeLogger logger) => logger.Collector.GetSnapshot().Count(l => l.Level == LogLevel.Error);

    /// <summary>Whether the last question's wait is over on the bot's clock, so another question is due.</summary>
    private static bool IsDue(FakeLogger logger, FakeTimeProvider time)
    {
        var last = logger.Collector.GetSnapshot().LastOrDefault(l => l.Level == LogLevel.Error);
        return last is null || last.Timestamp + TimeSpan.Parse(last.StructuredState!.Single(p => p.Key == "RetryDelay").Value!, System.Globalization.CultureInfo.InvariantCulture) <= time.GetUtcNow();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class IdleService : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
