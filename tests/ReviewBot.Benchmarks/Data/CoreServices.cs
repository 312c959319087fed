using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core;

namespace ReviewBot.Benchmarks.Data;

/// <summary>
/// The Core layer composed as the host composes it (AddReviewBotCore) over one SQLite file (or, through
/// <see cref="ForConnectionString"/>, any store the host accepts). The
/// clock is a FakeTimeProvider that never moves unless told, so nothing time-driven runs in the
/// middle of a measurement; the show index rebuilds only when the shows table changes.
/// </summary>
public sealed class CoreServices : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    public CoreServices(string databasePath, Action<IServiceCollection>? configure = null)
        : this(databasePath, $"Data Source={databasePath}", configure)
    {
    }

    /// <summary>Core over one SQLite file with further settings (configuration keys and values).</summary>
    public CoreServices(string databasePath, IReadOnlyDictionary<string, string?> settings)
        : this(databasePath, $"Data Source={databasePath}", null, settings)
    {
    }

    private CoreServices(string databasePath, string connectionString, Action<IServiceCollection>? configure, IReadOnlyDictionary<string, string?>? settings = null)
    {
        DatabasePath = databasePath;
        ConnectionString = connectionString;
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Reviews"] = ConnectionString,
            ["Reviews:ImportSamplesWhenEmpty"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(Time);
        services.AddReviewBotCore(configuration);
        configure?.Invoke(services);
        _provider = services.BuildServiceProvider();
    }

    /// <summary>Core over any store the host accepts (a SQLite <c>Data Source=</c> or a PostgreSQL <c>Host=</c> string).</summary>
    public static CoreServices ForConnectionString(string connectionString, Action<IServiceCollection>? configure = null) =>
        new(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString.StartsWith("Data Source=", StringComparison.Ordinal) ? connectionString : "").DataSource, connectionString, configure);

    /// <summary>The SQLite file; empty over PostgreSQL.</summary>
    public string DatabasePath { get; }

    public string ConnectionString { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public T Get<T>() where T : notnull => _provider.GetRequiredService<T>();

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
