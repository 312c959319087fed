using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;

namespace ReviewBot.Cli;

/// <summary><c>import PATH... [--no-announce]</c>: files or folders of *.txt / *.md reviews.</summary>
internal sealed class ImportVerb(DatabaseMigrator migrator, ReviewFileImporter files, CliConsole console) : ICliVerb
{
    public string Name => "import";

    public string Usage => "import PATH... [--no-announce]   (review files or folders of *.txt / *.md)";

    public const string NoAnnounceOption = "--no-announce";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var announce = !args.Contains(NoAnnounceOption, StringComparer.OrdinalIgnoreCase);
        var paths = args.Where(a => !a.Equals(NoAnnounceOption, StringComparison.OrdinalIgnoreCase)).ToList();
        if (paths.FirstOrDefault(p => p.StartsWith("--", StringComparison.Ordinal)) is { } unknown)
        {
            // Before anything is read: a mistyped --no-announce taken for a path would import the rest
            // of the batch and announce it to every subscribed channel.
            await console.Error.WriteLineAsync(
                $"import: unknown option \"{unknown}\"; import takes PATH... and --no-announce (a file whose name starts with -- is written ./{unknown}).");
            return ExitCodes.Usage;
        }

        if (paths.Count == 0)
        {
            await console.Error.WriteLineAsync("import: no path given. Type e.g.: dotnet run --project src/ReviewBot -- import samples/");
            return ExitCodes.Usage;
        }

        await migrator.MigrateAsync(cancellationToken);
        var results = await files.ImportPathsAsync(paths, announce, ReviewOrigin.File, cancellationToken);
        foreach (var result in results)
        {
            await (result.Succeeded ? console.Out : console.Error).WriteLineAsync(result.ToString());
        }

        var failed = results.Count(r => !r.Succeeded);
        await console.Out.WriteLineAsync($"{results.Count - failed} imported or unchanged, {failed} failed");
        return failed == 0 ? ExitCodes.Ok : ExitCodes.Failure;
    }
}
