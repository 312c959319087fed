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
            await Console.Error.WriteLineAsync(LoadOptions.Usage);
            return 2;
        }

        var report = new LoadReport();
        var needsStore = options.Scenarios.Any(s => s is StartupScenario.Name or InteractionsScenario.Name or GuildsScenario.Name or FanoutScenario.Name);
        GeneratedStore? store = null;
        StoreBackend? backend = null;
        try
        {
            if (needsStore)
            {
                Console.WriteLine($"Generating the store ({StoreSize.Standard.Reviews:N0} reviews, {StoreSize.Standard.Episodes:N0} episodes, {StoreSize.Standard.Shows:N0} shows)...");
                store = await StoreGenerator.CreateAsync(StoreSize.Standard, CancellationToken.None);
                report.Measured("store", "generation time", store.GenerationTime.TotalMilliseconds, "ms", "", null, "migrations + one bulk transaction + the sample through the importer");
                if (options.Topology.Store == StoreKind.PostgreSql)
                {
                    Console.WriteLine("Starting a throwaway PostgreSQL and moving the store into it (the code behind migrate --to)...");
                    backend = await StoreBackend.StartAsync(options.Topology.Store);
                    store = store with { ConnectionString = await backend.PlaceAsync(store.DatabasePath), Backend = backend };
                    report.Measured("store", "moved to PostgreSQL", backend.LastPlacement.TotalMilliseconds, "ms", "", null, "new database, migrations, binary COPY of every table in one transaction");
                }

                report.Measured("store", "topology", options.Topology.Processes, "processes", "", null, options.Topology.Label);
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
            if (backend is not null)
            {
                await backend.DisposeAsync();
            }
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
