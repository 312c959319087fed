namespace ReviewBot.Cli;

/// <summary>
/// The command line split in two: configuration overrides (<c>--Key=value</c>, e.g.
/// <c>--ConnectionStrings:Reviews="Data Source=x.db"</c>) for the host, and the verb with its own
/// arguments. Keeping them apart stops the configuration provider from reading "/review" as a switch.
/// </summary>
internal sealed record CliArguments(string Verb, IReadOnlyList<string> VerbArgs, string[] ConfigurationArgs)
{
    public const string DefaultVerb = "run";

    /// <summary>
    /// The verbs' own options. Written <c>--chart=out.png</c>, one of them has the shape of a setting,
    /// and taken as one it would be dropped without a word (no setting is named "chart"); so it goes to
    /// the verb as <c>--chart out.png</c>, and a flag given a value (<c>--force=yes</c>) reaches the verb
    /// with a word it does not take, which the verb refuses.
    /// </summary>
    private static readonly string[] VerbOptions =
        [ChartRequest.ChartOption, ChartRequest.ForceOption, ImportVerb.NoAnnounceOption, MigrateToCommand.ToOption, MigrateToCommand.ForceOption];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var configuration = new List<string>();
        var rest = new List<string>();
        foreach (var arg in args)
        {
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            if (equals > 0 && VerbOptions.Contains(arg[..equals], StringComparer.OrdinalIgnoreCase))
            {
                rest.Add(arg[..equals]);
                rest.Add(arg[(equals + 1)..]);
            }
            else if (equals > 0)
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
