using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewBot.Charts;
using ReviewBot.Core;
using ReviewBot.Discord;
using ReviewBot.Http;
using ReviewBot.Http.Metrics;
using ReviewBot.Interactions;
using ReviewBot.Reviews;
using ReviewBot.Reviews.Stored;
using ReviewBot.Sources;
using ReviewBot.Subscriptions;

namespace ReviewBot.Bot;

public static class DiscordHostServiceCollectionExtensions
{
    /// <summary>
    /// The bot on Discord, composed from its features: a watch that keeps the thread pool moving, REST
    /// and gateway, interactions (routing and replies), the review commands, subscriptions and their
    /// delivery, the inbox and feed loops, the backfill of missing charts, the
    /// hosted service that migrates, registers the commands and connects, the trim that gives memory
    /// back once the process goes quiet, and the optional HTTP side
    /// (interactions endpoint, health, metrics), which needs the web application host Program builds for run.
    /// </summary>
    public static IServiceCollection AddReviewBot(this IServiceCollection services, IConfiguration configuration)
    {
        // First of the bot's services, so it watches while the others start and until they have stopped.
        services.AddHostedService<ThreadPoolStarvationWatch>();
        services.AddDiscordRest(configuration);
        // The Discord project knows nothing of Core's settings checks; its section gets them here.
        services.AddOptions<DiscordOptions>().ValidateSingleValues(DiscordOptions.SectionName, configuration);
        services.AddDiscordGateway();
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));
        services.AddInteractions(configuration);
        services.AddSingleton<CommandRegistrar>();
        services.AddSingleton<BotExitState>();

        // Hosted services start in this order: the bot (migrations, commands, gateway) first, so the
        // delivery worker and the sources loops never see an unmigrated database.
        services.AddHostedService<DiscordBotService>();
        services.AddHostedService<ShowIndexWarmup>();
        services.AddReviewCommands();
        services.AddAnnouncements(configuration);
        services.AddReviewSourcesHosting();
        services.AddChartBackfill();
        services.AddStoredAnswerBackfill();
        services.AddIdleMemoryTrim(configuration);

        // Kestrel always starts after the services above and stops before them (the web application
        // builder moves it last), so it serves only a bot that is ready and drains before it goes.
        services.AddHttpEndpoint(configuration);
        services.AddReviewBotMetrics(configuration);
        return services;
    }
}
