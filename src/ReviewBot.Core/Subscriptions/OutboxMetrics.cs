using System.Diagnostics.Metrics;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// The outbox as gauges, read from the database when a collector asks (a Prometheus scrape, an OTLP
/// export), never on the delivery path: reviewbot.outbox.pending and reviewbot.outbox.oldest_age.
/// </summary>
public sealed class OutboxMetrics
{
    public OutboxMetrics(CoreMetrics core, OutboxBacklogQuery backlog)
    {
        core.Meter.CreateObservableGauge("reviewbot.outbox.pending", () => backlog.Read().Pending, unit: "{announcement}", description: "Announcements waiting to be delivered, paused channels included.");
        core.Meter.CreateObservableGauge(
            "reviewbot.outbox.oldest_age",
            () => backlog.Read().OldestDeliverableAge?.TotalSeconds ?? 0,
            unit: "s",
            description: "How long the oldest pending announcement of an active subscription has waited; 0 when none waits.");
    }
}
