using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core;

/// <summary>Makes the database ready before an entry point answers: applies the migrations, then imports the samples into an empty one.</summary>
public sealed class DatabaseInitializer(DatabaseMigrator migrator, SampleSeeder seeder)
{
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await migrator.MigrateAsync(cancellationToken);
        await seeder.SeedIfEmptyAsync(cancellationToken);
    }
}
