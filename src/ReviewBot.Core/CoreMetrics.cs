using System.Diagnostics.Metrics;
using ReviewBot.Core.Import;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core;

/// <summary>
/// What Core measures, on the meter "ReviewBot.Core": announcement deliveries by outcome, feed polls
/// by outcome, imports by origin and outcome. Counted where the outcome is recorded, so a figure
/// means the database says so. The outbox's size and age are observed in <see cref="Subscriptions.OutboxMetrics"/>.
/// </summary>
public sealed class CoreMetrics
{
    public const string MeterName = "ReviewBot.Core";

    public const string VersionReadsInstrument = "reviewbot.review_version.reads";

    private readonly Counter<long> _deliveries;
    private readonly Counter<long> _feedPolls;
    private readonly Counter<long> _imports;
    private readonly Counter<long> _versionReads;

    public CoreMetrics(IMeterFactory meters)
    {
        Meter = meters.Create(MeterName);
        _deliveries = Meter.CreateCounter<long>("reviewbot.announcement.deliveries", unit: "{announcement}", description: "Announcements that ended a delivery: sent, failed for good, or waiting because their channel was paused.");
        _feedPolls = Meter.CreateCounter<long>("reviewbot.feed.polls", unit: "{poll}", description: "Feed polls by outcome (ok, not_modified, failed).");
        _versionReads = Meter.CreateCounter<long>(VersionReadsInstrument, unit: "{read}", description: "Reviews' versions read for /review and /episode answers, by where from: memory (kept, vouched for by the change watch) or database.");
        _imports = Meter.CreateCounter<long>("reviewbot.imports", unit: "{document}", description: "Review documents imported, by origin (file, inbox, feed) and outcome (created, updated, unchanged, rejected).");
    }

    /// <summary>The meter, for instruments of Core's that observe rather than count.</summary>
    public Meter Meter { get; }

    public void AnnouncementsSent(int count) => _deliveries.Add(count, Outcome("sent"));

    public void AnnouncementFailed() => _deliveries.Add(1, Outcome("failed"));

    public void ChannelPaused() => _deliveries.Add(1, Outcome("paused"));

    public void FeedPolled(FeedPollStatus status) => _feedPolls.Add(1, Outcome(status switch
    {
        FeedPollStatus.NotModified => "not_modified",
        FeedPollStatus.Failed => "failed",
        _ => "ok",
    }));

    public void Imported(ReviewOrigin origin, ImportStatus status) =>
        _imports.Add(1, new KeyValuePair<string, object?>("origin", origin.ToString().ToLowerInvariant()), Outcome(status.ToString().ToLowerInvariant()));

    public void VersionRead(bool fromMemory) => _versionReads.Add(1, new KeyValuePair<string, object?>("from", fromMemory ? "memory" : "database"));

    private static KeyValuePair<string, object?> Outcome(string outcome) => new("outcome", outcome);
}
