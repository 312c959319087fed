using System.Diagnostics.Tracing;

namespace ReviewBot.Benchmarks.Load.Agent;

/// <summary>
/// Which types the bot allocates, from the runtime's GC allocation ticks (one event about every
/// 100 KB allocated, naming the type of the object that crossed the mark): over many interactions the
/// ticks per type are proportional to the bytes allocated of that type. In-process, no tools needed.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private const int AllocationTickEvent = 10;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _bytesByType = new(StringComparer.Ordinal);

    public void Reset()
    {
        lock (_lock)
        {
            _bytesByType.Clear();
        }
    }

    /// <summary>The types with the most sampled bytes, with their share of all sampled bytes.</summary>
    public List<TypeShare> Top(int count)
    {
        lock (_lock)
        {
            var total = Math.Max(1, _bytesByType.Values.Sum());
            return [.. _bytesByType.OrderByDescending(p => p.Value).Take(count).Select(p => new TypeShare(p.Key, p.Value * 100.0 / total))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == RuntimeSource)
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId != AllocationTickEvent || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is >= 0 and var t ? payload[t] as string ?? "?" : "?";
        var amount = names.IndexOf("AllocationAmount64") is >= 0 and var a ? Convert.ToInt64(payload[a], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        lock (_lock)
        {
            _bytesByType[type] = _bytesByType.GetValueOrDefault(type) + amount;
        }
    }
}

public sealed record TypeShare(string Type, double Percent);
