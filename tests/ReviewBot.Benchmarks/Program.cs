using BenchmarkDotNet.Running;

namespace ReviewBot.Benchmarks;

public static class BenchmarkProgram
{
    // `dotnet run -c Release --project tests/ReviewBot.Benchmarks -- --filter '*'` runs the micro-benchmarks;
    // `... -- load [startup|interactions|guilds|fanout|feeds|autocomplete|all] [--count N] [--concurrency C] [--guilds G] [--subscriptions S] [--scale F] [--json out.json]` runs the load mode.
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "load")
        {
            return await Load.LoadProgram.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args);
        return 0;
    }
}
