using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Import;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>The sources layer as the host composes it (AddReviewSources), over test doubles for time and the importer.</summary>
public sealed class SourcesTestHost : IDisposable
{
    private readonly ServiceProvider provider;
    private readonly bool ownsDatabase;

    public SourcesTestHost(IDictionary<string, string?> settings, RecordingImporter? importer = null, SourcesTestDatabase? database = null)
    {
        Importer = importer ?? new RecordingImporter();
        ownsDatabase = database is null;
        Database = database ?? new SourcesTestDatabase();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Feeds:Jitter"] = "0" })
            .AddInMemoryCollection(settings)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<TimeProvider>(Time);
        services.AddSingleton<IReviewImporter>(Importer);
        services.AddSingleton<ISourcesConnectionFactory>(Database);
        services.AddLogging(l => l.AddProvider(LogProvider).SetMinimumLevel(LogLevel.Debug));
        services.AddReviewSources();
        provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    public RecordingImporter Importer { get; }

    public SourcesTestDatabase Database { get; }

    public FakeLogCollector Logs => LogProvider.Collector;

    private FakeLoggerProvider LogProvider { get; } = new();

    public T Get<T>() where T : notnull => provider.GetRequiredService<T>();

    public FeedsOptions FeedsOptions => Get<IOptions<FeedsOptions>>().Value;

    public void Dispose()
    {
        provider.Dispose();
        if (ownsDatabase)
        {
            Database.Dispose();
        }
    }
}
