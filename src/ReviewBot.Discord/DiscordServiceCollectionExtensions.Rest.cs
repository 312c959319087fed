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
    /// <summary>The name of the REST client's handler chain in IHttpClientFactory.</summary>
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
        services.TryAddSingleton<HttpDurationListeners>();

        // One long-lived handler chain, held by singletons (the responder, the announcer, the gateway):
        // the factory builds it once (no rotation), and the sockets handler retires pooled connections
        // after a while so a bot that runs for months still follows DNS changes. The REST client sends
        // through an HttpMessageInvoker rather than an HttpClient: it uses nothing HttpClient adds (a
        // base address, a timeout of its own: each attempt has its own, see RestRetryOptions; default
        // headers, which it copied into every request) and HttpClient costs a linked cancellation source
        // and a state machine per request. Redirects are not followed: Discord's API answers where it is
        // asked, so a request and its body go only to the configured API host; a 3xx is an error.
        services.AddHttpClient(HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = PooledConnectionLifetime, AllowAutoRedirect = false })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<DiscordAuthorizationHandler>()
            // The default HttpClient loggers write request URIs, and interaction routes carry the
            // interaction token in the path: tokens must never reach a log.
            .RemoveAllLoggers();
        services.TryAddSingleton(provider => new DiscordRestClient(
            new HttpMessageInvoker(provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(HttpClientName), disposeHandler: false),
            provider.GetRequiredService<IOptionsMonitor<DiscordOptions>>(),
            provider.GetRequiredService<DiscordRateLimiter>(),
            provider.GetRequiredService<RestRetryOptions>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DiscordRestClient>>(),
            provider.GetRequiredService<CurrentApplicationCache>(),
            provider.GetRequiredService<InteractionCallbackWrites>(),
            provider.GetRequiredService<HttpDurationListeners>()));

        services.TryAddSingleton<IGatewayBotSource>(provider => provider.GetRequiredService<DiscordRestClient>());
        return services;
    }
}
