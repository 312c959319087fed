using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Core;
using ReviewBot.Discord;

namespace ReviewBot.Interactions;

public static class InteractionsServiceCollectionExtensions
{
    /// <summary>
    /// From INTERACTION_CREATE to the callback: the router, the responder and its metrics. Features
    /// add their handlers as <see cref="ISlashCommand"/> / <see cref="IComponentHandler"/>. Binds and
    /// validates the optional <c>Interactions</c> section.
    /// </summary>
    public static IServiceCollection AddInteractions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<InteractionDispatchOptions>()
            .Bind(configuration.GetSection(InteractionDispatchOptions.SectionName))
            .ValidateSingleValues(InteractionDispatchOptions.SectionName, configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InteractionDispatchOptions>, InteractionDispatchOptionsValidator>());
        services.AddMetrics();

        services.AddSingleton<InteractionRouter>();
        services.AddSingleton<InteractionErrors>();
        services.AddSingleton<DeferTiming>();
        services.AddSingleton<InitialResponses>();
        services.AddSingleton<InteractionMetrics>();
        services.AddSingleton<InitialResponseSender>();
        services.AddSingleton<LateReplies>();
        services.AddSingleton<InteractionResponder>();
        services.AddSingleton<InteractionLifetime>();
        services.AddHostedService(sp => sp.GetRequiredService<InteractionLifetime>());
        services.AddGatewayEventHandler<InteractionGatewayHandler>();
        return services;
    }
}
