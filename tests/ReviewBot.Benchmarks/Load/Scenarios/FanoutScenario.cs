using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Benchmarks.Data;
using FakeDiscord;
using ReviewBot.Core.Import;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// One new review fanned out to S subscriptions (S channels, 50 per server as the bot allows) by the
/// real host's delivery worker, against FakeDiscord enforcing Discord's limits (optionally all
/// multiplied by one factor, --scale, which also multiplies the bot's own global limit). The review is imported from this process, as the <c>import</c> verb
/// would beside a running bot, so the worker finds it on its next outbox poll.
/// </summary>
public static partial class FanoutScenario
{
    public const string Name = "fanout";

    private const string MessagesRoute = "POST /channels/{channel_id}/messages";
    private const int ChannelsPerGuild = 50; // SubscriptionStore.MaxPerGuild

    public static async Task RunAsync(GeneratedStore store, LoadOptions options, LoadReport report)
    {
        // A copy, so the subscriptions and the new review do not change the store other scenarios use.
        var path = Path.Combine(store.Folder, "fanout.db");
        File.Copy(store.DatabasePath, path, overwrite: true);
        await AddSubscriptionsAsync(path, options.Subscriptions);
        var database = await store.Backend.PlaceAsync(path); // the file, or a PostgreSQL copy of it (--store)

        // One factor for both sides: FakeDiscord's limits and the bot's own global limit (Discord:GlobalRateLimitPerSecond),
        // computed as the fake computes its own, so the bot neither lags behind the fake nor runs into 429s.
        var globalPerSecond = Math.Max(1, (int)(new FakeDiscordOptions().GlobalLimitPerSecond * options.RateLimitScale));
        var (rig, reason) = await BotRig.StartAsync(
            database,
            options.Topology,
            configure: fake => fake.RateLimitScale = options.RateLimitScale,
            settings: new Dictionary<string, string> { ["Discord__GlobalRateLimitPerSecond"] = globalPerSecond.ToString(CultureInfo.InvariantCulture) });
        if (rig is null)
        {
            report.NotAvailable(Name, reason!);
            return;
        }

        await using (rig)
        {
            // The global limit is the binding one (each channel gets one message, far under its route
            // bucket): a sliding second lets globalPerSecond through at once, then as many a second later.
            var boundSeconds = Math.Ceiling(options.Subscriptions / (double)globalPerSecond) - 1;

            await Task.Delay(TimeSpan.FromSeconds(1)); // let start-up work (registration, first outbox poll) settle
            // What the bot burns doing nothing (heartbeats, outbox polls), so the per-message figure can be read net of it.
            var idleBefore = rig.Bot.CpuTime;
            var idleClock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var idleCpuPerSecond = (rig.Bot.CpuTime - idleBefore).TotalMilliseconds / idleClock.Elapsed.TotalSeconds;
            var seenBefore = rig.Fake.Requests.Count;
            var rateLimitedBefore = rig.Fake.RateLimitedResponses;
            var cpuBefore = rig.Bot.CpuTime;
            var driverCpuBefore = DriverCpu();

            var clock = Stopwatch.StartNew();
            await ImportNewReviewAsync(database);
            var queuedAt = DateTimeOffset.UtcNow;

            var timeout = TimeSpan.FromSeconds(boundSeconds * 1.5 + 60);
            var delivered = new List<RecordedMessage>();
            var seen = seenBefore;
            while (delivered.Count < options.Subscriptions && clock.Elapsed < timeout && rig.Bot.ExitedEarly is null)
            {
                await Task.Delay(200);
                var requests = rig.Fake.Requests;
                for (; seen < requests.Count; seen++)
                {
                    if (requests[seen] is { Route: MessagesRoute, Status: >= 200 and < 300 } message)
                    {
                        delivered.Add(new RecordedMessage(message.Path, message.ReceivedAt, message.StartedAt ?? message.ReceivedAt, message.BodyText));
                    }
                }
            }

            var cpu = rig.Bot.CpuTime - cpuBefore;
            var driverCpu = DriverCpu() - driverCpuBefore;
            var cpuWall = clock.Elapsed;
            var rateLimited = rig.Fake.RateLimitedResponses - rateLimitedBefore;
            if (delivered.Count == 0)
            {
                report.NotAvailable(Name, $"no announcement reached FakeDiscord within {timeout.TotalSeconds:N0} s; last log lines: {rig.Bot.LogTail.Split('\n').LastOrDefault()}");
                return;
            }

            var first = delivered.Min(m => m.At);
            var last = delivered.Max(m => m.At);
            var span = (last - first).TotalSeconds;
            var channels = delivered.Select(m => m.Path).Distinct(StringComparer.Ordinal).Count();
            var scale = options.RateLimitScale.ToString(CultureInfo.InvariantCulture);
            var within = boundSeconds <= 0 ? span < 1 : span <= boundSeconds * 1.10;

            report.Measured(Name, "messages delivered", delivered.Count, "messages", $"{options.Subscriptions:N0}", delivered.Count == options.Subscriptions,
                $"{channels:N0} distinct channels; limits x{scale} (global {globalPerSecond}/s)");
            report.Measured(Name, "first to last message", span, "s", $"<= {boundSeconds * 1.1:0.#} s", within,
                $"limit-bound minimum {boundSeconds:0} s; ratio {(boundSeconds > 0 ? span / boundSeconds : double.NaN):0.###}");
            report.Measured(Name, "review queued to last message", (last - queuedAt).TotalSeconds, "s", "", null,
                "includes the worker's outbox poll (Announcements:PollInterval 1 s), as for an import beside the bot");
            // Where a run over the bound lost its time: one long pause (a pass boundary, a collection) or a slow pace throughout.
            var (gap, gapAt) = LongestGap(delivered, first);
            report.Measured(Name, "longest pause between two messages", gap.TotalMilliseconds, "ms", "", null,
                $"{gapAt.TotalSeconds:0.#} s after the first message");
            report.Measured(Name, "429 answers", rateLimited, "responses", "0", rateLimited == 0);
            report.Measured(Name, "bot CPU per delivered message", cpu.TotalMicroseconds / delivered.Count, "µs", "< 200 µs", cpu.TotalMicroseconds / delivered.Count < 200,
                $"process CPU of the bot over the whole fan-out / messages; {cpu.TotalSeconds:0.##} s CPU in {cpuWall.TotalSeconds:0.#} s");
            report.Measured(Name, "bot idle CPU before the fan-out", idleCpuPerSecond, "ms/s", "", null, "2 s idle sample; heartbeats and outbox polls");
            report.Measured(Name, "driver CPU per delivered message", driverCpu.TotalMicroseconds / delivered.Count, "µs", "", null,
                $"this process (FakeDiscord and the driver) over the same time; {driverCpu.TotalSeconds:0.##} s CPU");
            ReportPace(report, delivered, globalPerSecond);
        }
    }

    private sealed record RecordedMessage(string Path, DateTimeOffset At, DateTimeOffset StartedAt, string? Body);

    [GeneratedRegex("\"nonce\":(\"[^\"]*\"|[0-9]+)")]
    private static partial Regex Nonce();

    private static TimeSpan DriverCpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>
    /// Where the time over the bound goes. The fake lets <paramref name="perSecond"/> through per sliding
    /// second, so message i can pass no sooner than one second after message i - perSecond: the excess of
    /// that interval over one second, summed over the run's passes, is the time lost to pacing. The fake's
    /// own time per request (handler start to the limit check and record) says how much of the round trip is the fake.
    /// </summary>
    private static void ReportPace(LoadReport report, List<RecordedMessage> delivered, int perSecond)
    {
        var times = delivered.Select(m => m.At).Order().ToList();
        if (times.Count > perSecond)
        {
            var reuse = Enumerable.Range(perSecond, times.Count - perSecond).Select(i => (times[i] - times[i - perSecond]).TotalMilliseconds).ToList();
            var summary = LatencySummary.Of(reuse)!;
            report.Measured(Name, "window reuse interval (message i to i - global)", summary.Mean, "ms", ">= 1000", null,
                $"p50 {summary.P50:0} ms, p99 {summary.P99:0} ms, max {summary.Max:0} ms; 1000 is the limit-bound pace");
        }

        var inFake = LatencySummary.Of(delivered.Select(m => (m.At - m.StartedAt).TotalMilliseconds).ToList())!;
        var first = times[0];
        var busy = delivered.Sum(m => (m.At - m.StartedAt).TotalSeconds) / Math.Max(1e-3, (times[^1] - first).TotalSeconds);
        report.Measured(Name, "FakeDiscord's own time per message", inFake.P50, "ms", "", null,
            $"p50; p99 {inFake.P99:0.##} ms, max {inFake.Max:0.##} ms; on average {busy:0.#} messages inside the fake at once");
        // FakeDiscord judges each distinct body against the schema once (the nonce on every request): many here would cost it that again.
        var distinct = delivered.Select(m => Nonce().Replace(m.Body ?? "", "")).Distinct(StringComparer.Ordinal).Count();
        report.Measured(Name, "distinct bodies apart from the nonce", distinct, "bodies", "", null, "what FakeDiscord had to validate in full");
        var perSecondCounts = times.GroupBy(t => (int)(t - first).TotalSeconds).Select(g => (double)g.Count()).ToList();
        var counts = LatencySummary.Of(perSecondCounts.Count > 1 ? perSecondCounts[..^1] : perSecondCounts)!;
        report.Measured(Name, "messages per whole second", counts.P50, "messages", $"<= {perSecond}", null,
            $"p50 over {perSecondCounts.Count} seconds; max {counts.Max:0}, mean {counts.Mean:0}");
    }

    private static (TimeSpan Gap, TimeSpan At) LongestGap(List<RecordedMessage> delivered, DateTimeOffset first)
    {
        var times = delivered.Select(m => m.At).Order().ToList();
        var (gap, at) = (TimeSpan.Zero, TimeSpan.Zero);
        for (var i = 1; i < times.Count; i++)
        {
            if (times[i] - times[i - 1] > gap)
            {
                (gap, at) = (times[i] - times[i - 1], times[i - 1] - first);
            }
        }

        return (gap, at);
    }

    /// <summary>S text channels subscribed to every show, created well before the review.</summary>
    private static async Task AddSubscriptionsAsync(string path, int count)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        var rows = Enumerable.Range(0, count).Select(i => new
        {
            guild = 1_800_000_000_000_000_000L + i / ChannelsPerGuild * 1000,
            channel = 1_810_000_000_000_000_000L + i,
            created = "2020-01-01T00:00:00.0000000Z",
        });
        await connection.ExecuteAsync(
            "INSERT INTO subscriptions (guild_id, channel_id, channel_kind, show_id, role_id, created_at) VALUES (@guild, @channel, 'text', NULL, NULL, @created)",
            rows, transaction);
        await transaction.CommitAsync();
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A review of a show the store does not have yet, stored through the real importer with its outbox.</summary>
    private static async Task ImportNewReviewAsync(string connectionString)
    {
        await using (var core = CoreServices.ForConnectionString(connectionString, services => services.AddSingleton(TimeProvider.System)))
        {
            var text = SampleReview.Text.Replace("Metallic Rouge", "Fanout Bench Show", StringComparison.Ordinal);
            var result = await core.Get<IReviewImporter>().ImportAsync(new ReviewDocument("bench:fanout", "fanout", text, ReviewOrigin.File, Announce: true), CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"The fan-out review did not import: {result.Error}");
            }
        }

        SqliteConnection.ClearAllPools();
    }
}
