using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Core;

namespace ReviewBot.Bot;

public static class IdleMemoryTrimServiceCollectionExtensions
{
    /// <summary>
    /// The hosted service that gives memory back when the process goes quiet, for long-running
    /// processes only (the one-shot verbs exit instead). Binds and validates the optional
    /// <c>Memory</c> section.
    /// </summary>
    public static IServiceCollection AddIdleMemoryTrim(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdleMemoryTrimOptions>()
            .Bind(configuration.GetSection(IdleMemoryTrimOptions.SectionName))
            .ValidateSingleValues(IdleMemoryTrimOptions.SectionName, configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<IdleMemoryTrimOptions>, IdleMemoryTrimOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IManagedHeap, ManagedHeap>();
        services.AddHostedService<IdleMemoryTrim>();
        return services;
    }
}
