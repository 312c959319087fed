using ReviewBot.Charts;
using ReviewBot.Ratings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewBot.Discord;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;
using ReviewBot.Reviews;

namespace ReviewBot.Bot;

public static class DiscordHostServiceCollectionExtensions
{
    /// <summary>
    /// The bot on Discord: REST and gateway, interaction routing and replies, the review commands
    /// and their renderers, command registration and the hosted service that runs it all. Other
    /// features add their own commands as <see cref="ISlashCommand"/> / <see cref="IComponentHandler"/>.
    /// </summary>
    public static IServiceCollection AddReviewBotDiscordHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDiscordRest(configuration);
        services.AddDiscordGateway();
        services.AddMetrics();
        services.AddOptions<InteractionDispatchOptions>()
            .Bind(configuration.GetSection("Interactions"))
            .Validate(o => o.DeferAfter > TimeSpan.Zero && o.DeferAfter <= TimeSpan.FromSeconds(2.5), "Interactions:DeferAfter must be more than 0 and at most 00:00:02.5: Discord drops initial responses after 3 s.")
            .ValidateOnStart();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<InteractionMetrics>();
        services.AddSingleton<InteractionResponder>();
        services.AddGatewayEventHandler<InteractionGatewayHandler>();
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<BotExitState>();
        services.AddHostedService<DiscordBotService>();

        return services.AddReviewCommands();
    }

    /// <summary>/review, /episode, /search, /latest, /top and their buttons and rating menus.</summary>
    public static IServiceCollection AddReviewCommands(this IServiceCollection services)
    {
        services.AddSingleton<ReviewEmbedRenderer>();
        services.AddSingleton<EpisodeEmbedRenderer>();
        services.AddSingleton<SearchEmbedRenderer>();
        services.AddSingleton<LatestEmbedRenderer>();
        services.AddSingleton<ShowKeys>();
        services.AddSingleton<ShowChoices>();
        services.AddSingleton<ReviewReplies>();
        services.AddSingleton<EpisodeReplies>();

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
