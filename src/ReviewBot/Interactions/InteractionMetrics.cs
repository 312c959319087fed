using System.Diagnostics.Metrics;
using System.Diagnostics;

namespace ReviewBot.Interactions;

/// <summary>
/// The bot's own share of an interaction's latency: from INTERACTION_CREATE read off the socket to
/// the initial callback request written to Discord's connection (Meter "ReviewBot", histogram
/// "reviewbot.interaction.duration" in ms, tags command, interaction.type and response = reply|defer|autocomplete).
/// Serialising and writing the request are included; waiting for Discord's answer is not: that
/// round trip is the network's and Discord's, not ours.
/// </summary>
public sealed class InteractionMetrics
{
    public const string MeterName = "ReviewBot";
    public const string DurationInstrument = "reviewbot.interaction.duration";

    public const string CountInstrument = "reviewbot.interactions";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _count;
    private readonly Counter<long> _refused;

    public InteractionMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _duration = meter.CreateHistogram<double>(DurationInstrument, unit: "ms", description: "Time from INTERACTION_CREATE received to the initial interaction callback request written.");
        _count = meter.CreateCounter<long>(CountInstrument, unit: "{interaction}", description: "Interactions answered, by command, interaction.type and outcome (reply, defer, autocomplete, error).");
        _refused = meter.CreateCounter<long>("reviewbot.http.interactions.refused", unit: "{request}", description: "Requests to POST /interactions refused before anything ran, by reason (bad signature, stale timestamp, a body too large or too slow...).");
    }

    /// <summary>A handler failed and the user got the "something went wrong" reply (counted besides its reply or defer).</summary>
    public void Failed(string command, string interactionType) =>
        _count.Add(1, new("command", command), new("interaction.type", interactionType), new("outcome", "error"));

    /// <summary>An HTTP interaction request that was not Discord's (or not any more), or whose body never arrived whole: answered 4xx, nothing ran.</summary>
    public void Refused(string reason) => _refused.Add(1, new KeyValuePair<string, object?>("reason", reason));

    /// <summary>
    /// A callback for "callback request written" (<see cref="ReviewBot.Discord.Rest.InteractionCallbackWrites"/>)
    /// that records the duration the first time it is called (a resent request is the same response, measured once).
    /// </summary>
    public Action OnceWritten(long receivedTimestamp, string command, string interactionType, string response)
    {
        var recorded = 0;
        return () =>
        {
            if (Interlocked.Exchange(ref recorded, 1) == 0)
            {
                RecordInitialResponse(receivedTimestamp, command, interactionType, response);
            }
        };
    }

    /// <summary>Records an initial response written now, <paramref name="receivedTimestamp"/> being when its interaction was read; the caller records each response once.</summary>
    public void RecordInitialResponse(long receivedTimestamp, string command, string interactionType, string response)
    {
        _duration.Record(
            Stopwatch.GetElapsedTime(receivedTimestamp).TotalMilliseconds,
            new KeyValuePair<string, object?>("command", command),
            new KeyValuePair<string, object?>("interaction.type", interactionType),
            new KeyValuePair<string, object?>("response", response));
        _count.Add(1, new("command", command), new("interaction.type", interactionType), new("outcome", response));
    }
}
