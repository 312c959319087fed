using ReviewBot.Benchmarks.Load.Agent;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// The bot processes of one rig, read as one bot: CPU time summed, latency measurements merged
/// before percentiles are taken (a p99 of two p99s would be neither's), memory summed. With one
/// process every member is that process's own.
/// </summary>
public sealed class BotGroup : IAsyncDisposable
{
    private readonly IReadOnlyList<BotProcess> _processes;

    public BotGroup(IReadOnlyList<BotProcess> processes)
    {
        if (processes.Count == 0)
        {
            throw new ArgumentException("A rig has at least one bot process.", nameof(processes));
        }

        _processes = processes;
    }

    public IReadOnlyList<BotProcess> Processes => _processes;

    /// <summary>Set once any of the processes ended on its own.</summary>
    public string? ExitedEarly => _processes.Select(p => p.ExitedEarly).FirstOrDefault(e => e is not null);

    /// <summary>Each process's log tail, the processes in order.</summary>
    public string LogTail => _processes.Count == 1 ? _processes[0].LogTail : string.Join('\n', _processes.Select((p, i) => $"[process {i}] {p.LogTail}"));

    public TimeSpan CpuTime => _processes.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime);

    public DateTime StartTime => _processes.Min(p => p.StartTime);

    /// <summary>The first process's id; see <see cref="ProcessIds"/> for all.</summary>
    public int ProcessId => _processes[0].ProcessId;

    public IReadOnlyList<int> ProcessIds => [.. _processes.Select(p => p.ProcessId)];

    public async Task<AgentStats> StatsAsync(bool collectFirst = false)
    {
        if (_processes.Count == 1)
        {
            return await _processes[0].StatsAsync(collectFirst);
        }

        var stats = new List<AgentStats>();
        var samples = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var process in _processes)
        {
            stats.Add(await process.StatsAsync(collectFirst));
            foreach (var (tag, values) in await process.SamplesAsync())
            {
                (samples.TryGetValue(tag, out var list) ? list : samples[tag] = []).AddRange(values);
            }
        }

        return new AgentStats(
            stats.Sum(s => s.WorkingSetBytes),
            stats.Sum(s => s.PrivateBytes),
            stats.Sum(s => s.GcHeapBytes),
            stats.Sum(s => s.CpuMilliseconds),
            stats.All(s => s.InstrumentSeen),
            DurationRecorder.Summarise(samples),
            stats.Sum(s => s.RssAnonBytes),
            stats.Sum(s => s.RssFileBytes),
            stats.Sum(s => s.RssShmemBytes),
            stats.Sum(s => s.GcCommittedBytes),
            stats.Sum(s => s.GcCount),
            stats.Sum(s => s.GcPauseMilliseconds),
            stats.Sum(s => s.AllocatedBytes));
    }

    public async Task ResetDurationsAsync()
    {
        foreach (var process in _processes)
        {
            await process.ResetDurationsAsync();
        }
    }

    public async Task StartAllocationSampleAsync()
    {
        foreach (var process in _processes)
        {
            await process.StartAllocationSampleAsync();
        }
    }

    /// <summary>The types allocated most, each process's shares averaged (the processes do the same work in turn).</summary>
    public async Task<List<TypeShare>> AllocationsAsync()
    {
        var shares = new List<TypeShare>();
        foreach (var process in _processes)
        {
            shares.AddRange(await process.AllocationsAsync());
        }

        return [.. shares.GroupBy(s => s.Type, StringComparer.Ordinal)
            .Select(g => new TypeShare(g.Key, g.Sum(s => s.Percent) / _processes.Count))
            .OrderByDescending(s => s.Percent)];
    }

    public async ValueTask DisposeAsync()
    {
        // Stopped together: each waits up to its own stop timeout, so one slow stop does not hold the other's.
        await Task.WhenAll(_processes.Select(p => p.DisposeAsync().AsTask()));
    }
}
