using DbUp;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>
/// A database as an earlier release left it: the embedded migrations before a given one applied, as
/// DbUp records them, so that an upgrade test starts from what a user's database holds.
/// </summary>
internal static class EarlierSchema
{
    /// <summary>The same for either engine: SQLite's migrations or PostgreSQL's, whichever <paramref name="provider"/> names.</summary>
    public static void Apply(StorageProvider provider, string connectionString, string firstNotApplied)
    {
        if (provider == StorageProvider.Sqlite)
        {
            Apply(connectionString, firstNotApplied);
            return;
        }

        var before = "ReviewBot.PostgreSqlMigrations." + firstNotApplied;
        var upgrade = DeployChanges.To.PostgresqlDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(
                typeof(DatabaseMigrator).Assembly,
                n => string.CompareOrdinal(n, before) < 0 && n.StartsWith("ReviewBot.PostgreSqlMigrations.", StringComparison.Ordinal))
            .WithTransaction()
            .Build()
            .PerformUpgrade();
        Assert.True(upgrade.Successful, upgrade.Error?.Message);
    }

    /// <summary>Applies every SQLite migration whose name sorts before <paramref name="firstNotApplied"/> (e.g. "0008").</summary>
    public static void Apply(string connectionString, string firstNotApplied)
    {
        var before = "ReviewBot.Migrations." + firstNotApplied;
        var upgrade = DeployChanges.To.SqliteDatabase(connectionString)
            .WithScriptsEmbeddedInAssembly(
                typeof(DatabaseMigrator).Assembly,
                n => string.CompareOrdinal(n, before) < 0 && n.StartsWith("ReviewBot.Migrations.", StringComparison.Ordinal))
            .WithTransaction()
            .Build()
            .PerformUpgrade();
        Assert.True(upgrade.Successful, upgrade.Error?.Message);
    }
}
