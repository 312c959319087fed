namespace ReviewBot.Cli;

/// <summary>
/// The command line split in two: configuration overrides (<c>--Key=value</c>, e.g.
/// <c>--ConnectionStrings:Reviews="Data Source=x.db"</c>) for the host, and the verb with its own
/// arguments. Keeping them apart stops the configuration provider from reading "/review" as a switch.
/// </summary>
internal sealed record CliArguments(string Verb, IReadOnlyList<string> VerbArgs, string[] ConfigurationArgs)
{
    public const string DefaultVerb = "run";

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var configuration = new List<string>();
        var rest = new List<string>();
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Contains('=', StringComparison.Ordinal))
            {
                configuration.Add(arg);
            }
            else
            {
                rest.Add(arg);
            }
        }

        return rest.Count == 0
            ? new CliArguments(DefaultVerb, [], [.. configuration])
            : new CliArguments(rest[0].ToLowerInvariant(), rest.Skip(1).ToList(), [.. configuration]);
    }
}
