using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Rest;
using ReviewBot.Discord.Rest.RateLimits;

namespace ReviewBot.Discord;

public static class DiscordRestServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates the <c>Discord</c> section (at start) and registers
    /// <see cref="DiscordRestClient"/> (also as <see cref="IGatewayBotSource"/>) with its shared
    /// rate-limit state.
    /// </summary>
    public static IServiceCollection AddDiscordRest(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DiscordOptions>()
            .Bind(configuration.GetSection(DiscordOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new RestRetryOptions());
        services.TryAddSingleton(provider => new DiscordRateLimiter(
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>(),
            provider.GetRequiredService<IOptions<DiscordOptions>>().Value.GlobalRateLimitPerSecond));
        services.TryAddTransient<DiscordAuthorizationHandler>();
        services.TryAddSingleton<CurrentApplicationCache>();

        services.AddHttpClient(nameof(DiscordRestClient), http =>
            {
                http.DefaultRequestHeaders.UserAgent.ParseAdd(DiscordRestClient.UserAgent);
                http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own time limit (RestRetryOptions)
            })
            .AddTypedClient((http, provider) => new DiscordRestClient(
                http,
                provider.GetRequiredService<IOptionsMonitor<DiscordOptions>>(),
                provider.GetRequiredService<DiscordRateLimiter>(),
                provider.GetRequiredService<RestRetryOptions>(),
                provider.GetRequiredService<TimeProvider>(),
                provider.GetRequiredService<ILogger<DiscordRestClient>>(),
                provider.GetRequiredService<CurrentApplicationCache>()))
            .AddHttpMessageHandler<DiscordAuthorizationHandler>()
            // The default HttpClient loggers write request URIs, and interaction routes carry the
            // interaction token in the path: tokens must never reach a log.
            .RemoveAllLoggers();

        services.TryAddTransient<IGatewayBotSource>(provider => provider.GetRequiredService<DiscordRestClient>());
        return services;
    }
}
