using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// Wall time and allocations of polling 100 feeds that answer 304 (conditional GET, state saved).
/// The CPU-time figure in the README's Performance table is measured by `load feeds` (process CPU around one poll).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class FeedPollBenchmarks
{
    private FeedPollRig _rig = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rig = FeedPollRig.StartAsync().GetAwaiter().GetResult();
        _rig.PollAllAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<int> Poll100NotModified() => _rig.PollAllAsync();
}
