using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core;
using ReviewBot.Core.Storage;
using ReviewBot.Discord.Gateway;

namespace ReviewBot.Duties;

public static class DutiesServiceCollectionExtensions
{
    /// <summary>The <c>Duties</c> setting, validated on start (without it every duty is on), and Identify turns shared through the database.</summary>
    public static IServiceCollection AddProcessDuties(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DutiesOptions>()
            .Configure(o => o.Run = configuration[DutiesOptions.Key] ?? DutiesOptions.All)
            .ValidateSingleValue(DutiesOptions.Key, configuration)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DutiesOptions>, DutiesOptions.Validator>());
        // Gateway processes on one database take Identify turns from each other.
        services.TryAddSingleton<IIdentifyCoordinator, DatabaseIdentifyCoordinator>();
        return services;
    }

    /// <summary>
    /// <typeparamref name="TService"/> as a hosted service that runs in one process at a time
    /// (<see cref="OneAtATimeDuty{TService}"/>), and only where the Duties setting names <paramref name="setting"/>.
    /// </summary>
    public static IServiceCollection AddOneAtATimeDuty<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TService>(this IServiceCollection services, Duty duty, Func<DutiesOptions, bool> setting)
        where TService : class, IHostedService
    {
        services.TryAddSingleton<TService>();
        services.AddHostedService(provider => new OneAtATimeDuty<TService>(
            duty,
            setting(provider.GetRequiredService<IOptions<DutiesOptions>>().Value),
            provider.GetRequiredService<TService>(),
            provider.GetRequiredService<DutyLocks>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<OneAtATimeDuty<TService>>>()));
        return services;
    }
}
