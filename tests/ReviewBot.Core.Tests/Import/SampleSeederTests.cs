using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Tests.Import;

/// <summary>The samples go only into an empty store that can take them.</summary>
public sealed class SampleSeederTests
{
    /// <summary>
    /// Told to open the store read-only, the seeder does not try: every sample would fail on its first
    /// write, each with SQLite's "attempt to write a readonly database" and nothing saying why an import
    /// was tried. One warning says the store stays empty and what would fill it.
    /// </summary>
    [Fact]
    public async Task SeedIfEmptyAsync_EmptyDatabaseOpenedReadOnly_ImportsNothing_AndSaysWhy()
    {
        await using var migrated = await TestDatabase.CreateAsync();
        var path = Path.Combine(migrated.Folder, "db", "reviews.db");
        var logs = new FakeLogCollector();
        await using var readOnly = await TestDatabase.CreateAsync(
            s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))),
            new Dictionary<string, string?>
            {
                ["ConnectionStrings:Reviews"] = $"Data Source={path};Mode=ReadOnly",
                ["Reviews:ImportSamplesWhenEmpty"] = "true",
                ["Reviews:SeedDirectory"] = Path.Combine(AppContext.BaseDirectory, "samples"),
            },
            migrate: false);

        var results = await readOnly.Get<SampleSeeder>().SeedIfEmptyAsync(CancellationToken.None);

        Assert.Empty(results);
        var warning = Assert.Single(logs.GetSnapshot(), l => l.Level >= LogLevel.Warning);
        Assert.Equal(
            $"The database {path} has no reviews and is opened read-only, so the samples were not imported; "
            + "answers will find nothing until reviews are imported with a connection that can write (without Mode=ReadOnly in ConnectionStrings:Reviews)",
            warning.Message);
    }

    [Fact]
    public async Task SeedIfEmptyAsync_EmptyWritableDatabase_ImportsTheSamples()
    {
        await using var db = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Reviews:ImportSamplesWhenEmpty"] = "true",
            ["Reviews:SeedDirectory"] = Path.Combine(AppContext.BaseDirectory, "samples"),
        });

        var results = await db.Get<SampleSeeder>().SeedIfEmptyAsync(CancellationToken.None);

        Assert.Equal(ImportStatus.Created, Assert.Single(results).Status);
    }
}
