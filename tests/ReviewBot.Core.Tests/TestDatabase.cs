using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests;

/// <summary>
/// A real SQLite file in its own temp folder with the Core services around it; deleted on dispose.
/// Each test makes its own, so tests run in parallel without sharing data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string folder, Action<IServiceCollection>? configure, IDictionary<string, string?>? settings)
    {
        Folder = folder;
        ConnectionString = $"Data Source={Path.Combine(folder, "db", "reviews.db")}";
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:Reviews"] = ConnectionString,
                ["Reviews:ImportSamplesWhenEmpty"] = "false",
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddReviewBotCore(configuration);
        configure?.Invoke(services);
        _services = services.BuildServiceProvider();
    }

    public string Folder { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public static string SampleText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));

    public static async Task<TestDatabase> CreateAsync(
        Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var database = new TestDatabase(folder, configure, settings);
        if (migrate)
        {
            await database.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<ImportResult> ImportAsync(string text, string sourceKey = "test.txt", bool announce = true) =>
        Get<IReviewImporter>().ImportAsync(new ReviewDocument(sourceKey, sourceKey, text, ReviewOrigin.File, announce), CancellationToken.None);

    public async Task<SqliteConnection> OpenAsync() => await Get<SqliteConnectionFactory>().OpenAsync(CancellationToken.None);

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pooled connection can hold a handle for a moment; the OS temp cleaner gets it.
        }
    }
}
