using System.Diagnostics.Metrics;

namespace ReviewBot.Benchmarks.Load.Agent;

/// <summary>
/// Listens to the bot's own latency histogram (Meter "ReviewBot", instrument
/// "reviewbot.interaction.duration", milliseconds from INTERACTION_CREATE read to callback written)
/// and keeps every measurement, grouped by command and interaction type (the bot's tags),
/// so percentiles are exact rather than bucketed. Each measurement is also kept apart when no
/// garbage collection happened since the one before it: one interaction at a time, that is an
/// interaction no collection paused, so the figures can say how much of a tail is the collector's.
/// </summary>
internal sealed class DurationRecorder : IDisposable
{
    public const string MeterName = "ReviewBot";
    public const string InstrumentName = "reviewbot.interaction.duration";

    /// <summary>The summary of every interaction except autocomplete.</summary>
    public const string CommandsTag = "commands";

    /// <summary>The tags of interactions the bot has no handler for (the load mode's floor).</summary>
    public const string UnknownPrefix = "unknown/";

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<double>> _byTag = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<double>> _byTagUncollected = new(StringComparer.Ordinal);
    private int _collections = GC.CollectionCount(0);

    public DurationRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                InstrumentSeen = true;
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<float>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) => Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, _) => Record(value, tags));
        _listener.Start();
    }

    /// <summary>False until the bot publishes the instrument (an older build has none).</summary>
    public bool InstrumentSeen { get; private set; }

    public Dictionary<string, LatencySummary> Summaries()
    {
        lock (_lock)
        {
            return Summarise(_byTag);
        }
    }

    /// <summary>
    /// As <see cref="Summaries"/>, over the measurements with no collection since the one before them
    /// (meaningful one interaction at a time: a collection between two answers landed on the second).
    /// </summary>
    public Dictionary<string, LatencySummary> UncollectedSummaries()
    {
        lock (_lock)
        {
            return Summarise(_byTagUncollected);
        }
    }

    /// <summary>Every measurement so far, by tag, so the parent can merge those of several processes before taking percentiles.</summary>
    public Dictionary<string, List<double>> Samples()
    {
        lock (_lock)
        {
            return _byTag.ToDictionary(p => p.Key, p => p.Value.ToList(), StringComparer.Ordinal);
        }
    }

    /// <summary>A summary per tag, plus "*" (everything) and <see cref="CommandsTag"/>.</summary>
    public static Dictionary<string, LatencySummary> Summarise(IReadOnlyDictionary<string, List<double>> byTag)
    {
        var summaries = byTag.Where(p => p.Value.Count > 0).ToDictionary(p => p.Key, p => LatencySummary.Of(p.Value)!, StringComparer.Ordinal);
        var all = byTag.Values.SelectMany(v => v).ToList();
        if (all.Count > 0)
        {
            summaries["*"] = LatencySummary.Of(all)!;
        }

        // Everything but autocomplete, which has its own, looser target, and the floor (unknown
        // commands, which do no work): the commands and components that answer.
        var answers = byTag.Where(p => !p.Key.EndsWith("/autocomplete", StringComparison.Ordinal) && !p.Key.StartsWith(UnknownPrefix, StringComparison.Ordinal))
            .SelectMany(p => p.Value).ToList();
        if (answers.Count > 0)
        {
            summaries[CommandsTag] = LatencySummary.Of(answers)!;
        }

        return summaries;
    }

    public void Reset()
    {
        lock (_lock)
        {
            _byTag.Clear();
            _byTagUncollected.Clear();
            _collections = GC.CollectionCount(0);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // "review/command" and "review/autocomplete" are different work: key on both tags the bot sets.
        string? command = null, type = null;
        foreach (var tag in tags)
        {
            switch (tag.Key)
            {
                case "command": command = tag.Value as string; break;
                case "interaction.type": type = tag.Value as string; break;
            }
        }

        var key = type is null ? command ?? "" : $"{command}/{type}";
        lock (_lock)
        {
            Add(_byTag, key, value);
            var collections = GC.CollectionCount(0);
            if (collections == _collections)
            {
                Add(_byTagUncollected, key, value);
            }

            _collections = collections;
        }
    }

    private static void Add(Dictionary<string, List<double>> byTag, string key, double value)
    {
        if (!byTag.TryGetValue(key, out var list))
        {
            byTag[key] = list = [];
        }

        list.Add(value);
    }
}
