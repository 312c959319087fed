using ReviewBot.Core.Storage.Moving;

namespace ReviewBot.Cli;

/// <summary>
/// <c>migrate --to "Host=…;Database=…;Username=…" [--force]</c>: copies the configured database into
/// PostgreSQL. Exit 0 when copied or already there; 2 for a bad argument or a target that holds
/// other data (nothing is written; --force replaces it).
/// </summary>
internal sealed class MigrateToCommand(StoreMove move, CliConsole console)
{
    public const string Usage = "migrate --to \"Host=…;Database=…;Username=…\" [--force]   (copy this database into PostgreSQL)";

    public const string ToOption = "--to";
    public const string ForceOption = "--force";

    public static bool Applies(IReadOnlyList<string> args) => args.Contains(ToOption, StringComparer.OrdinalIgnoreCase);

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var force = args.Contains(ForceOption, StringComparer.OrdinalIgnoreCase);
        var rest = args.Where(a => !a.Equals(ForceOption, StringComparison.OrdinalIgnoreCase)).ToList();
        var at = rest.FindIndex(a => a.Equals(ToOption, StringComparison.OrdinalIgnoreCase));
        if (at != 0 || rest.Count != 2 || rest[1].StartsWith("--", StringComparison.Ordinal))
        {
            // Named when there is one, so a mistyped option (--force=no, --froce) is pointed at, not just the usage repeated.
            var unexpected = rest
                .Where((arg, i) => i != at && (i != at + 1 || arg.StartsWith("--", StringComparison.Ordinal)))
                .FirstOrDefault();
            await console.Error.WriteLineAsync(unexpected is null
                ? "migrate: expected " + Usage
                : $"migrate: unexpected \"{unexpected}\"; expected " + Usage);
            return ExitCodes.Usage;
        }

        var target = rest[1];
        StoreMoveResult result;
        try
        {
            result = await move.MoveAsync(target, force, cancellationToken);
        }
        catch (ArgumentException ex)
        {
            await console.Error.WriteLineAsync("migrate: " + ex.Message);
            return ExitCodes.Usage;
        }

        var where = StoreMove.Describe(target);
        var rows = string.Join(", ", result.Rows.Select(r => $"{r.Value} {r.Key}"));
        switch (result.Outcome)
        {
            case StoreMoveOutcome.Copied:
                await console.Out.WriteLineAsync($"Copied into {where}: {rows}.");
                return ExitCodes.Ok;
            case StoreMoveOutcome.AlreadyThere:
                await console.Out.WriteLineAsync($"{where} already holds this database ({rows}); nothing copied.");
                return ExitCodes.Ok;
            default:
                await console.Error.WriteLineAsync(
                    $"migrate: {where} already holds {result.TargetRows} rows of other data; nothing was copied. "
                    + "Add --force to replace its contents with this database.");
                return ExitCodes.Usage;
        }
    }
}
