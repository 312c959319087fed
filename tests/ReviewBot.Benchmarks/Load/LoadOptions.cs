using System.Globalization;

namespace ReviewBot.Benchmarks.Load;

/// <summary><c>load [interactions|fanout|guilds|startup|feeds|autocomplete|all] [--count N] [--concurrency C] [--guilds G] [--subscriptions S] [--scale F] [--shared-cpus] [--json out.json]</c>; --shared-cpus leaves the bot on every CPU with the driver (by default the interaction runs give it its own); --scale multiplies FakeDiscord's limits, and for fanout the bot's global limit (Discord:GlobalRateLimitPerSecond) by the same factor.</summary>
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
    public static readonly string[] AllScenarios = ["startup", "interactions", "guilds", "fanout", "feeds", "autocomplete"];

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var scenario = "all";
        int count = 5_000, concurrency = 32, guilds = 2_500, subscriptions = 10_000;
        // 1: the bot's own global limiter is Discord's fixed 50/s, so scaling only the fake's limits would not shorten the run.
        var scale = 1.0;
        string? json = null;
        var sharedCpus = false;
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

        return new LoadOptions(scenarios, count, concurrency, guilds, subscriptions, scale, json, sharedCpus);
    }
}
