using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Import;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// The sources layer as the bot composes it (AddReviewBotCore + AddReviewSources) over a real,
/// migrated SQLite file and a fake clock. By default the importer is the real one; pass a
/// <see cref="RecordingImporter"/> for tests about mechanics (failures, cancellation) rather than results.
/// </summary>
public sealed class SourcesTestHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly bool ownsDatabase;
    private readonly RecordingImporter? recording;

    public SourcesTestHost(
        IDictionary<string, string?> settings,
        RecordingImporter? importer = null,
        SourcesTestDatabase? database = null,
        bool realImporter = false,
        Action<IServiceCollection>? replace = null)
    {
        recording = realImporter ? null : importer ?? new RecordingImporter();
        ownsDatabase = database is null;
        Database = database ?? new SourcesTestDatabase();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Feeds:Jitter"] = "0",
                // The feed servers of these tests listen on loopback, which the fetcher refuses unless allowed.
                ["Feeds:AllowedPrivateAddresses:0"] = "127.0.0.1",
                ["ConnectionStrings:Reviews"] = Database.ConnectionString,
                ["Reviews:ImportSamplesWhenEmpty"] = "false",
            })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(l => l.AddProvider(LogProvider).SetMinimumLevel(LogLevel.Debug));
        services.AddReviewBotCore(configuration);
        services.AddSingleton<IReviewSaveParticipant>(Saves);
        if (recording is not null)
        {
            services.AddSingleton<IReviewImporter>(recording);
        }

        replace?.Invoke(services);
        services.AddReviewSources();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        // Off the test's synchronization context: the migrator awaits DbUp on the thread pool.
        Task.Run(() => Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None)).GetAwaiter().GetResult();
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    /// <summary>The recording importer; only for hosts built without the real one.</summary>
    public RecordingImporter Importer => recording ?? throw new InvalidOperationException("This host uses the real importer; look at the database or Saves.");

    /// <summary>Every review the real importer saved, with its Announce flag, as the outbox would see it.</summary>
    public RecordingSaveParticipant Saves { get; } = new();

    public SourcesTestDatabase Database { get; }

    public FakeLogCollector Logs => LogProvider.Collector;

    private FakeLoggerProvider LogProvider { get; } = new();

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public FeedsOptions FeedsOptions => Get<IOptions<FeedsOptions>>().Value;

    public Task<long> CountReviewsAsync() => Database.ScalarAsync("SELECT COUNT(*) FROM reviews");

    public void Dispose()
    {
        provider.Dispose();
        if (ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
