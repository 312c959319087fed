using System.Globalization;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// <c>load [interactions|fanout|guilds|startup|feeds|autocomplete|all] [--count N] [--concurrency C] [--guilds G] [--subscriptions S] [--scale F] [--shared-cpus] [--store sqlite|postgresql] [--processes 1|2] [--transport gateway|http] [--json out.json]</c>;
/// --shared-cpus leaves the bot on every CPU with the driver (by default the interaction runs give it its own); --scale multiplies FakeDiscord's limits,
/// and for fanout the bot's global limit (Discord:GlobalRateLimitPerSecond) by the same factor. --store, --processes and --transport shape the
/// interactions and fanout scenarios only (<see cref="Topology"/>).
/// </summary>
public sealed record LoadOptions(
    IReadOnlyList<string> Scenarios,
    int Count,
    int Concurrency,
    int Guilds,
    int Subscriptions,
    double RateLimitScale,
    string? JsonPath,
    bool SharedCpus = false)
{
    public const string Usage =
        "usage: load [interactions|fanout|guilds|startup|feeds|autocomplete|all] [--count N] [--concurrency C] [--guilds G] [--subscriptions S] [--scale F] [--shared-cpus] "
        + "[--store sqlite|postgresql] [--processes 1|2] [--transport gateway|http] [--json out.json] [--bot-exe name=PATH ...]";

    /// <summary>Where the store lives, how many bot processes share it, and how interactions reach them.</summary>
    public Topology Topology { get; init; } = Topology.Default;

    public static readonly string[] AllScenarios = ["startup", "interactions", "guilds", "fanout", "feeds", "autocomplete"];

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var scenario = "all";
        int count = 5_000, concurrency = 32, guilds = 2_500, subscriptions = 10_000;
        // 1: the bot's own global limiter is Discord's fixed 50/s, so scaling only the fake's limits would not shorten the run.
        var scale = 1.0;
        string? json = null;
        var sharedCpus = false;
        var topology = Topology.Default;
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--count": count = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--guilds": guilds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--subscriptions": subscriptions = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--scale": scale = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--json": json = Next(); break;
                case "--shared-cpus": sharedCpus = true; break;
                case "--store": topology = topology with { Store = Topology.ParseStore(Next()) }; break;
                case "--processes": topology = topology with { Processes = Topology.ParseProcesses(Next()) }; break;
                case "--transport": topology = topology with { Transport = Topology.ParseTransport(Next()) }; break;
                case var name when !name.StartsWith("--", StringComparison.Ordinal): scenario = name; break;
                default: throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        var scenarios = scenario == "all" ? AllScenarios : [scenario];
        if (scenarios.Except(AllScenarios).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"Unknown scenario '{unknown}'; expected one of {string.Join(", ", AllScenarios)} or all.");
        }

        if (count < 1 || concurrency < 1 || guilds < 0 || subscriptions < 1 || scale <= 0)
        {
            throw new ArgumentException("--count, --concurrency, --subscriptions and --scale must be positive; --guilds at least 0.");
        }

        if (topology.Problem is { } problem)
        {
            throw new ArgumentException(problem);
        }

        if (topology != Topology.Default && scenarios.Except(["interactions", "fanout"]).FirstOrDefault() is { } other)
        {
            throw new ArgumentException($"--store, --processes and --transport apply to interactions and fanout only, not to {other}; run those scenarios by name.");
        }

        if (topology.Transport == InteractionTransport.Http && scenarios.Contains("fanout"))
        {
            throw new ArgumentException("--transport http applies to interactions only: a fan-out has no interactions to send.");
        }

        return new LoadOptions(scenarios, count, concurrency, guilds, subscriptions, scale, json, sharedCpus) { Topology = topology };
    }
}
