using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReviewBot.Charts;
using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;
using ReviewBot.Duties;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews.Stored;

public static class StoredAnswersServiceCollectionExtensions
{
    /// <summary>
    /// Answers rendered when a review is stored, and the replies that read them: in every host that
    /// imports (the CLI's import, the inbox and feeds) as well as the bot that answers.
    /// </summary>
    public static IServiceCollection AddStoredAnswers(this IServiceCollection services)
    {
        services.AddCharts();
        services.TryAddSingleton<ReviewEmbedRenderer>();
        services.TryAddSingleton<EpisodeEmbedRenderer>();
        services.TryAddSingleton<ShowIdLookup>();
        services.TryAddSingleton<AnswerCache>();
        services.TryAddSingleton<ReviewReplies>();
        services.TryAddSingleton<EpisodeReplies>();
        services.TryAddSingleton<StoredAnswerRendering>();
        services.TryAddSingleton<AnswerFormat>();
        services.TryAddSingleton<StoredReplies>();
        services.TryAddSingleton<StoredAnswerWriter>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAfterReviewStored, StoredAnswerWriter>(provider => provider.GetRequiredService<StoredAnswerWriter>()));
        services.TryAddSingleton<StoredAnswerBackfill>();
        return services;
    }

    /// <summary>The background storing of missing answers, run by one process at a time among those whose duties include the sources.</summary>
    public static IServiceCollection AddStoredAnswerBackfill(this IServiceCollection services)
    {
        services.AddStoredAnswers();
        services.AddOneAtATimeDuty<StoredAnswerBackfillService>(Duty.AnswerBackfill, duties => duties.Sources);
        return services;
    }
}
