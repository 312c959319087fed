namespace ReviewBot.Cli;

/// <summary>
/// ask's own options, taken out of its arguments: <c>--chart FILE</c> once, and <c>--force</c> with it to
/// replace an existing file. Any other argument starting with "--" is a mistake (a mistyped option
/// would otherwise become words of the question), reported in <see cref="Error"/>.
/// </summary>
internal sealed record ChartRequest(string? Path, bool Force, string? Error)
{
    public const string ChartOption = "--chart";
    public const string ForceOption = "--force";

    public static ChartRequest Parse(IReadOnlyList<string> args, out List<string> rest)
    {
        rest = [];
        string? path = null;
        var force = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case ChartOption when i + 1 >= args.Count || string.IsNullOrWhiteSpace(args[i + 1]):
                    return new ChartRequest(null, false, "--chart needs a file name for the PNG, e.g. --chart chart.png");
                case ChartOption when path is not null:
                    return new ChartRequest(null, false, $"--chart is given twice (\"{path}\" and \"{args[i + 1]}\"); give one file");
                case ChartOption:
                    path = args[++i];
                    break;
                case ForceOption:
                    force = true;
                    break;
                case var other when other.StartsWith("--", StringComparison.Ordinal):
                    return new ChartRequest(null, false, $"unknown option \"{other}\"; ask takes --chart FILE and --force");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        return force && path is null
            ? new ChartRequest(null, false, "--force goes with --chart, to replace an existing file")
            : new ChartRequest(path, force, null);
    }
}
