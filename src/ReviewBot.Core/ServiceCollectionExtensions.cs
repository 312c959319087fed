using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Import;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;
using ReviewBot.Core.Subscriptions;

namespace ReviewBot.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Storage, parsing, import and answers. Add <see cref="IReviewSaveParticipant"/>s separately
    /// (<c>services.AddSingleton&lt;IReviewSaveParticipant, X&gt;()</c>); zero is fine.
    /// </summary>
    public static IServiceCollection AddReviewBotCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions();
        services.Replace(ServiceDescriptor.Transient(typeof(IOptionsFactory<>), typeof(SettingValueOptionsFactory<>)));
        services.AddOptions<StorageOptions>()
            .Configure(o =>
            {
                o.ConnectionString = configuration.GetConnectionString("Reviews") ?? StorageOptions.DefaultConnectionString;
                o.SetSqliteCacheSize(configuration[StorageOptions.SqliteCacheSizeKey]);
                o.SetSqliteMapSize(configuration[StorageOptions.SqliteMapSizeKey]);
            })
            .ValidateSingleValues("Storage", configuration)
            .ValidateSingleValue("ConnectionStrings:Reviews", configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.AddOptions<ReviewsOptions>()
            .Bind(configuration.GetSection(ReviewsOptions.SectionName))
            .ValidateSingleValues(ReviewsOptions.SectionName, configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReviewsOptions>, ReviewsOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SqliteConnectionFactory>();
        services.AddSingleton<ReviewDatabase>();
        services.AddSingleton<DutyLocks>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<Storage.Moving.StoreMove>();
        services.AddSingleton<ShowStore>();
        services.AddSingleton<ReviewStore>();
        services.AddSingleton<ChannelContextStore>();
        services.AddSingleton<CommunityRatingStore>();
        // Charts are stored with reviews; the host registers the IReviewChartDrawer that draws them.
        services.AddSingleton<ReviewChartStore>();
        services.AddSingleton<ReviewCharts>();
        services.AddSingleton<ChartBackfill>();
        // Finished answers are stored per review version, and read by a first /review or /episode.
        services.AddSingleton<StoredAnswerStore>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReviewSaveParticipant, ChartSaveParticipant>());

        services.AddSingleton<PlainTextReviewParser>();
        services.AddSingleton<MarkdownReviewParser>();
        services.AddSingleton<ReviewParser>();
        services.AddSingleton<Summariser>();

        services.AddMetrics();
        services.AddSingleton<CoreMetrics>();
        services.AddSingleton<OutboxBacklogQuery>();
        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton<ReviewImporter>();
        services.AddSingleton<IReviewImporter>(sp => new MeteredReviewImporter(sp.GetRequiredService<ReviewImporter>(), sp.GetRequiredService<CoreMetrics>()));
        services.TryAddSingleton<IReviewFileReader, FileSystemReviewFileReader>();
        services.AddSingleton<ReviewFileImporter>();
        services.AddSingleton<SampleSeeder>();
        services.AddSingleton<DatabaseInitializer>();

        services.AddSingleton<ShowTitleIndex>();
        services.AddSingleton<ExactShowLookup>();
        services.AddSingleton<ShowResolver>();
        services.AddSingleton<ReviewVersionCache>();
        services.AddSingleton<SqliteReviewChangeWatch>();
        services.AddSingleton<PostgreSqlReviewChangeWatch>();
        // The dialect's way of knowing that kept versions still hold (the host runs its WatchAsync).
        services.AddSingleton<IReviewChangeWatch, DialectReviewChangeWatch>();
        services.AddSingleton<ReviewVersionReader>();
        services.AddSingleton<ReviewVersions>();
        services.AddSingleton<ReviewQuery>();
        services.AddSingleton<EpisodeQuery>();
        services.AddSingleton<ShowTitleSuggester>();
        services.AddSingleton<SearchQuery>();
        services.AddSingleton<LatestQuery>();

        // The outbox joins every review save, whichever process stores it (bot, import, inbox).
        services.AddSubscriptions();
        return services;
    }
}
