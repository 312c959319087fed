using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Ratings;
using ReviewBot.Charts;
using ReviewBot.Interactions;
using ReviewBot.Ratings;
using ReviewBot.Reviews.Rendering;
using ReviewBot.Reviews.Stored;

namespace ReviewBot.Reviews;

public static class ReviewsServiceCollectionExtensions
{
    /// <summary>
    /// /review, /episode, /search, /latest, /top, their buttons, select menus and rating menus, their
    /// renderers and the score chart /review attaches.
    /// </summary>
    public static IServiceCollection AddReviewCommands(this IServiceCollection services)
    {
        services.AddStoredAnswers();
        services.AddSingleton<StoredAnswerRefresher>();
        services.AddHostedService(provider => provider.GetRequiredService<StoredAnswerRefresher>());
        services.AddSingleton<IRatingsChanged>(provider => provider.GetRequiredService<StoredAnswerRefresher>());
        services.AddSingleton<SearchEmbedRenderer>();
        services.AddSingleton<LatestEmbedRenderer>();
        services.AddSingleton<ShowChoices>();
        services.AddHostedService<ReviewChangeWatching>();

        services.AddSingleton<ISlashCommand, ReviewCommand>();
        services.AddSingleton<ISlashCommand, EpisodeCommand>();
        services.AddSingleton<ISlashCommand, SearchCommand>();
        services.AddSingleton<ISlashCommand, LatestCommand>();
        services.AddSingleton<IComponentHandler, EpisodeButtonHandler>();
        services.AddSingleton<IComponentHandler, ReviewButtonHandler>();
        services.AddSingleton<IComponentHandler, WhichShowSelectHandler>();

        services.AddCharts();
        services.AddSingleton<TopEmbedRenderer>();
        services.AddSingleton<ISlashCommand, TopCommand>();
        services.AddSingleton<IComponentHandler, RateSelectHandler>();
        return services;
    }
}
