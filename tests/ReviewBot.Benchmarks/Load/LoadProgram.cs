using ReviewBot.Benchmarks.Data;
using ReviewBot.Benchmarks.Load.Agent;
using ReviewBot.Benchmarks.Load.External;
using ReviewBot.Benchmarks.Load.Scenarios;

namespace ReviewBot.Benchmarks.Load;

/// <summary>The load mode: generated store, FakeDiscord, the real host in a child process; one table and JSON per run.</summary>
public static class LoadProgram
{
    /// <summary>The hidden verb the child process runs (<see cref="BotAgent"/>).</summary>
    public const string AgentVerb = "agent";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args is [AgentVerb, ..])
        {
            return await BotAgent.RunAsync();
        }

        LoadOptions options;
        List<BotExecutable> executables;
        try
        {
            // --bot-exe runs startup, guilds and interactions against published executables instead of the agent.
            executables = BotExecutable.Extract(args, out var rest);
            options = LoadOptions.Parse(rest);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync("usage: load [interactions|fanout|guilds|startup|feeds|autocomplete|all] [--count N] [--concurrency C] [--guilds G] [--subscriptions S] [--scale F] [--shared-cpus] [--json out.json] [--bot-exe name=PATH ...]");
            return 2;
        }

        var report = new LoadReport();
        var needsStore = options.Scenarios.Any(s => s is StartupScenario.Name or InteractionsScenario.Name or GuildsScenario.Name or FanoutScenario.Name);
        GeneratedStore? store = null;
        try
        {
            if (needsStore)
            {
                Console.WriteLine($"Generating the store ({StoreSize.Standard.Reviews:N0} reviews, {StoreSize.Standard.Episodes:N0} episodes, {StoreSize.Standard.Shows:N0} shows)...");
                store = await StoreGenerator.CreateAsync(StoreSize.Standard, CancellationToken.None);
                report.Measured("store", "generation time", store.GenerationTime.TotalMilliseconds, "ms", "", null, "migrations + one bulk transaction + the sample through the importer");
            }

            foreach (var scenario in options.Scenarios)
            {
                Console.WriteLine($"Running {scenario}...");
                switch (scenario)
                {
                    case StartupScenario.Name when executables.Count > 0: await ExternalStartupScenario.RunAsync(executables, store!, report); break;
                    case GuildsScenario.Name when executables.Count > 0: await ExternalGuildsScenario.RunAsync(executables, store!, options, report); break;
                    case InteractionsScenario.Name when executables.Count > 0: await ExternalInteractionsScenario.RunAsync(executables, store!, options, report); break;
                    case StartupScenario.Name: await StartupScenario.RunAsync(store!, report); break;
                    case InteractionsScenario.Name: await InteractionsScenario.RunAsync(store!, options, report); break;
                    case GuildsScenario.Name: await GuildsScenario.RunAsync(store!, options, report); break;
                    case FanoutScenario.Name: await FanoutScenario.RunAsync(store!, options, report); break;
                    case FeedsScenario.Name: await FeedsScenario.RunAsync(report); break;
                    case AutocompleteScenario.Name: await AutocompleteScenario.RunAsync(report); break;
                }
            }
        }
        finally
        {
            store?.Dispose();
        }

        Console.WriteLine(report.ToTable());
        if (options.JsonPath is { } path)
        {
            await report.WriteJsonAsync(path);
            Console.WriteLine($"Wrote {Path.GetFullPath(path)}");
        }

        return 0;
    }
}
