using Microsoft.Extensions.Hosting;

namespace ReviewBot.Cli;

/// <summary>
/// The command line split in two: configuration overrides (<c>--Key=value</c>, e.g.
/// <c>--ConnectionStrings:Reviews="Data Source=x.db"</c>) for the host, and the verb with its own
/// arguments. Keeping them apart stops the configuration provider from reading "/review" as a switch.
/// </summary>
/// <param name="Verb">The verb in lower case, as verbs are looked up.</param>
/// <param name="TypedVerb">The verb as typed, for a message that quotes it.</param>
internal sealed record CliArguments(string Verb, IReadOnlyList<string> VerbArgs, string[] ConfigurationArgs, string TypedVerb)
{
    public const string DefaultVerb = "run";

    /// <summary>What people type to ask a program what it does.</summary>
    public static readonly string[] HelpWords = ["--help", "-h", "help", "-?"];

    /// <summary>
    /// The verbs' options that take a value. Written <c>--chart=out.png</c>, one has the shape of a
    /// setting, and taken as one it would be dropped without a word (no setting is named "chart"); so it
    /// goes to the verb as <c>--chart out.png</c>. The flags (<c>--force</c>, <c>--no-announce</c>) are not
    /// split so: a flag given a value reaches the verb as typed (<c>--no-announce=false</c>), which the verb
    /// refuses as no option of its own. Split, it would be the flag set, whatever the value said, and a
    /// stray word beside it (a path to import, words of the question).
    /// </summary>
    private static readonly string[] ValueOptions = [ChartRequest.ChartOption, MigrateToCommand.ToOption];

    /// <summary>
    /// The settings that sit at the top of the configuration, with no section: every other setting is
    /// written <c>--Section:Key=value</c>. A <c>--name=value</c> that is neither is no setting the bot has
    /// (a misspelt <c>--no-announce=yes</c>, <c>--Dutis=delivery</c>): taken as one it would be dropped
    /// without a word, so it goes to the verb as it was typed, and the verb refuses it.
    /// </summary>
    private static readonly string[] TopLevelSettings = [Duties.DutiesOptions.Key, HostDefaults.EnvironmentKey];

    public static CliArguments Parse(IReadOnlyList<string> args)
    {
        var configuration = new List<string>();
        var rest = new List<string>();
        foreach (var arg in args)
        {
            var equals = arg.StartsWith("--", StringComparison.Ordinal) ? arg.IndexOf('=', StringComparison.Ordinal) : -1;
            if (equals > 0 && ValueOptions.Contains(arg[..equals], StringComparer.OrdinalIgnoreCase))
            {
                rest.Add(arg[..equals]);
                rest.Add(arg[(equals + 1)..]);
            }
            else if (equals > 0 && IsSetting(arg[2..equals]))
            {
                configuration.Add(arg);
            }
            else
            {
                rest.Add(arg);
            }
        }

        // Settings alone start the bot; so does a setting-shaped word that is none, which run then refuses by name.
        return rest.Count == 0 || rest[0].StartsWith("--", StringComparison.Ordinal) && rest[0].Contains('=', StringComparison.Ordinal)
            ? new CliArguments(DefaultVerb, rest, [.. configuration], DefaultVerb)
            : new CliArguments(rest[0].ToLowerInvariant(), rest.Skip(1).ToList(), [.. configuration], rest[0]);
    }

    /// <summary>
    /// Whether <paramref name="word"/> is a setting written without its value (<c>--Reviews:InboxDirectory /srv/inbox</c>,
    /// with a space where the "=" goes): the value then stands alone as a word of the command line.
    /// </summary>
    public static bool IsSettingWithoutValue(string word) =>
        word.StartsWith("--", StringComparison.Ordinal) && !word.Contains('=', StringComparison.Ordinal) && IsSetting(word[2..]);

    private static bool IsSetting(string name) =>
        name.Contains(':', StringComparison.Ordinal) || TopLevelSettings.Contains(name, StringComparer.OrdinalIgnoreCase);
}
