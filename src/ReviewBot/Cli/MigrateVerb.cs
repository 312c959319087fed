using ReviewBot.Core.Storage;

namespace ReviewBot.Cli;

/// <summary><c>migrate</c>: creates the database if needed and applies pending migrations.</summary>
internal sealed class MigrateVerb(DatabaseMigrator migrator, CliConsole console) : ICliVerb
{
    public string Name => "migrate";

    public string Usage => "migrate   (create the database and apply pending migrations)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var applied = await migrator.MigrateAsync(cancellationToken);
        await console.Out.WriteLineAsync(applied.Count == 0
            ? "The database is up to date."
            : "Applied: " + string.Join(", ", applied));
        return ExitCodes.Ok;
    }
}
