using ReviewBot.Core.Storage;

namespace ReviewBot.Cli;

/// <summary>
/// <c>migrate</c>: creates the database if needed and applies pending migrations; with
/// <c>--to</c>, copies it into PostgreSQL (<see cref="MigrateToCommand"/>).
/// </summary>
internal sealed class MigrateVerb(DatabaseMigrator migrator, MigrateToCommand moveTo, CliConsole console) : ICliVerb
{
    public string Name => "migrate";

    public string Usage => "migrate   (create the database and apply pending migrations)" + Environment.NewLine + "  " + MigrateToCommand.Usage;

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (MigrateToCommand.Applies(args))
        {
            return await moveTo.RunAsync(args, cancellationToken);
        }

        if (args.Count > 0)
        {
            // A mistyped option (--forse, --too) is not taken as "just migrate": nothing is created or applied.
            await console.Error.WriteLineAsync(
                $"migrate: unexpected \"{args[0]}\"; expected migrate alone, or {MigrateToCommand.Usage}");
            return ExitCodes.Usage;
        }

        var applied = await migrator.MigrateAsync(cancellationToken);
        await console.Out.WriteLineAsync(applied.Count == 0
            ? "The database is up to date."
            : "Applied: " + string.Join(", ", applied));
        return ExitCodes.Ok;
    }
}
