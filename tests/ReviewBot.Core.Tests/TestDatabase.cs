using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests;

/// <summary>
/// A real database with the Core services around it, deleted on dispose: a SQLite file in its own
/// temp folder, or a fresh database in the test run's PostgreSQL cluster (<see cref="PostgresCluster"/>).
/// Each test makes its own, so tests run in parallel without sharing data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private readonly PostgresCluster? _cluster;

    private readonly bool _owner = true;

    private TestDatabase(
        string folder, StorageProvider provider, string? postgres, PostgresCluster? cluster, Action<IServiceCollection>? configure, IDictionary<string, string?>? settings)
    {
        Folder = folder;
        Provider = provider;
        _cluster = cluster;
        ConnectionString = postgres ?? $"Data Source={Path.Combine(folder, "db", "reviews.db")}";
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

    public StorageProvider Provider { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public static string SampleText => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));

    public static Task<TestDatabase> CreateAsync(
        Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null, bool migrate = true) =>
        CreateAsync(StorageProvider.Sqlite, configure, settings, migrate);

    public static async Task<TestDatabase> CreateAsync(
        StorageProvider provider, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null, bool migrate = true)
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        PostgresCluster? cluster = null;
        string? postgres = null;
        if (provider == StorageProvider.PostgreSql)
        {
            cluster = await PostgresCluster.GetAsync();
            postgres = await cluster.CreateDatabaseAsync();
        }

        var database = new TestDatabase(folder, provider, postgres, cluster, configure, settings);
        if (migrate)
        {
            await database.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        }

        return database;
    }

    /// <summary>
    /// A second set of Core services over the same database, as another process would have: its own
    /// pools, stores and caches. Disposing it leaves the database alone.
    /// </summary>
    public static Task<TestDatabase> OpenSameAsync(TestDatabase database) =>
        Task.FromResult(new TestDatabase(database.Folder, database.Provider, database.Provider == StorageProvider.PostgreSql ? database.ConnectionString : null, null, null, null)
        {
            Owner = false,
        });

    private bool Owner
    {
        init => _owner = value;
    }

    public T Get<T>()
        where T : notnull => _services.GetRequiredService<T>();

    public Task<ImportResult> ImportAsync(string text, string sourceKey = "test.txt", bool announce = true) =>
        Get<IReviewImporter>().ImportAsync(new ReviewDocument(sourceKey, sourceKey, text, ReviewOrigin.File, announce), CancellationToken.None);

    public async Task<DbConnection> OpenAsync() => await Get<ReviewDatabase>().OpenAsync(CancellationToken.None);

    private async Task<bool> ExistsAsync(string sql) => await ScalarAsync(sql) > 0;

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public Task<bool> TableExistsAsync(string table) =>
        Provider == StorageProvider.Sqlite
            ? ExistsAsync($"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'")
            : ExistsAsync($"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public' AND table_name = '{table}'");

    /// <summary>
    /// Ends every PostgreSQL session on this database, as a restart of the server does for each of its
    /// clients: pooled and kept connections alike find theirs gone on their next use.
    /// </summary>
    public async Task EndEverySessionAsync()
    {
        Assert.Equal(StorageProvider.PostgreSql, Provider);
        await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()", admin);
        await command.ExecuteScalarAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (!_owner)
        {
            return;
        }

        SqliteConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DropDatabaseAsync(ConnectionString);
        }

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
