using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core;

/// <summary>What every entry point does before answering: migrate, then seed an empty database.</summary>
public sealed class CoreStartup(DatabaseMigrator migrator, SampleSeeder seeder)
{
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await seeder.SeedIfEmptyAsync(cancellationToken);
    }
}
