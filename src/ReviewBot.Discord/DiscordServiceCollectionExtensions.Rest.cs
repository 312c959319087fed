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
    /// <summary>The name of the REST client's HttpClient in IHttpClientFactory.</summary>
    public const string HttpClientName = nameof(DiscordRestClient);

    /// <summary>How long a pooled connection to Discord is reused before a new one is opened (and DNS asked again).</summary>
    public static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(15);

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
        services.TryAddSingleton<InteractionCallbackWrites>();
        services.TryAddSingleton<CurrentApplicationCache>();

        // One long-lived client, held by singletons (the responder, the announcer, the gateway), as
        // Microsoft's HttpClient guidelines advise for long-lived clients: the factory builds its handler
        // chain once (no rotation), and the sockets handler retires pooled connections after a while
        // so a bot that runs for months still follows DNS changes.
        services.AddHttpClient(HttpClientName, http =>
            {
                // As text: HttpClient copies its default headers into every request, a parsed value as a clone.
                http.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", DiscordRestClient.UserAgent);
                http.Timeout = Timeout.InfiniteTimeSpan; // each attempt has its own time limit (RestRetryOptions)
            })
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = PooledConnectionLifetime })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<DiscordAuthorizationHandler>()
            // The default HttpClient loggers write request URIs, and interaction routes carry the
            // interaction token in the path: tokens must never reach a log.
            .RemoveAllLoggers();
        services.TryAddSingleton(provider => new DiscordRestClient(
            provider.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            provider.GetRequiredService<IOptionsMonitor<DiscordOptions>>(),
            provider.GetRequiredService<DiscordRateLimiter>(),
            provider.GetRequiredService<RestRetryOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DiscordRestClient>>(),
            provider.GetRequiredService<CurrentApplicationCache>(),
            provider.GetRequiredService<InteractionCallbackWrites>()));

        services.TryAddSingleton<IGatewayBotSource>(provider => provider.GetRequiredService<DiscordRestClient>());
        return services;
    }
}
