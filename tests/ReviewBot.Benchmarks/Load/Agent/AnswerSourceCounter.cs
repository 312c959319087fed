using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace ReviewBot.Benchmarks.Load.Agent;

/// <summary>
/// Counts where the bot's /review and /episode answers came from (Meter "ReviewBot", counter
/// "reviewbot.answers", tag <c>from</c> = kept | stored | built), so a phase can say how many of its
/// answers needed the database.
/// </summary>
internal sealed class AnswerSourceCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public AnswerSourceCounter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == DurationRecorder.MeterName && instrument.Name == "reviewbot.answers")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var from = "";
            foreach (var tag in tags)
            {
                if (tag.Key == "from")
                {
                    from = tag.Value as string ?? "";
                }
            }

            _counts.AddOrUpdate(from, value, (_, sum) => sum + value);
        });
        _listener.Start();
    }

    /// <summary>The counts so far (never reset: a phase subtracts the counts before it).</summary>
    public Dictionary<string, long> Counts() => new(_counts, StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}
