using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Charts;
using ReviewBot.Reviews.Stored;

namespace ReviewBot.Cli;

internal static class CliServiceCollectionExtensions
{
    public static IServiceCollection AddReviewBotCli(this IServiceCollection services, CliConsole console)
    {
        services.AddSingleton(console);
        services.AddSingleton<TextRenderer>();
        services.AddCharts();
        services.AddStoredAnswers();
        services.AddSingleton<CliDispatcher>();
        services.AddSingleton<ICliVerb, AskVerb>();
        services.AddSingleton<ICliVerb, ImportVerb>();
        services.AddSingleton<ICliVerb, MigrateVerb>();
        services.AddSingleton<MigrateToCommand>();
        services.AddFeedsVerb();
        services.AddSingleton<ICliVerb, RunVerb>();
        return services;
    }
}
