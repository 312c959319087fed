using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// One configuration for every micro-benchmark. In-process (no generated project to build, which on
/// a shared 2-core machine costs more than the measurements) and short: 1 launch, 3 warm-ups, 10
/// measured iterations. The figures to read are the median and allocated bytes per operation;
/// the mean is kept beside them so a noisy neighbour shows as a gap between the two.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("Short-InProcess"));
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median, StatisticColumn.P95, StatisticColumn.Max);
        WithOptions(ConfigOptions.DisableLogFile);
    }
}
