using System.Diagnostics.Metrics;

namespace ReviewBot.Hosting;

/// <summary>
/// The bot's own share of an interaction's latency: from INTERACTION_CREATE read off the socket to
/// the initial callback handed to the REST client (Meter "ReviewBot", histogram
/// "reviewbot.interaction.duration" in ms, tags command, interaction.type and response = reply|defer|autocomplete).
/// The HTTP round trip to Discord is not included: that is the network's, not ours.
/// </summary>
public sealed class InteractionMetrics
{
    public const string MeterName = "ReviewBot";
    public const string DurationInstrument = "reviewbot.interaction.duration";

    private readonly Histogram<double> _duration;

    public InteractionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>(DurationInstrument, unit: "ms", description: "Time from INTERACTION_CREATE received to the initial interaction callback being sent.");
    }

    public void RecordInitialResponse(TimeSpan elapsed, string command, string interactionType, string response) =>
        _duration.Record(
            elapsed.TotalMilliseconds,
            new KeyValuePair<string, object?>("command", command),
            new KeyValuePair<string, object?>("interaction.type", interactionType),
            new KeyValuePair<string, object?>("response", response));
}
