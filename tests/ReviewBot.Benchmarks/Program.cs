using BenchmarkDotNet.Running;

namespace ReviewBot.Benchmarks;

public static class BenchmarkProgram
{
    // `dotnet run -c Release --project tests/ReviewBot.Benchmarks -- --filter '*'` runs the micro-benchmarks.
    public static int Main(string[] args)
    {
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
