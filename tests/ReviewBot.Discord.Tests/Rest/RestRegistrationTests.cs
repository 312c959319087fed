using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>
/// The REST client is held by singletons for the life of the process, so it is one client on one
/// handler chain whose connections are retired after a while (a bot running for months follows DNS).
/// </summary>
public sealed class RestRegistrationTests
{
    [Fact]
    public void DiscordRestClient_IsOneInstance_ForEveryConsumer()
    {
        using var provider = Services();

        var client = provider.GetRequiredService<DiscordRestClient>();

        Assert.Same(client, provider.GetRequiredService<DiscordRestClient>());
        Assert.Same(client, provider.GetRequiredService<IGatewayBotSource>());
    }

    [Fact]
    public void DiscordHttpClient_HandlerIsNeverRotated_AndItsConnectionsAre()
    {
        using var provider = Services();

        var options = provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(DiscordRestServiceCollectionExtensions.HttpClientName);
        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(DiscordRestServiceCollectionExtensions.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        Assert.Equal(Timeout.InfiniteTimeSpan, options.HandlerLifetime);
        var sockets = Assert.IsType<SocketsHttpHandler>(handler);
        Assert.Equal(DiscordRestServiceCollectionExtensions.PooledConnectionLifetime, sockets.PooledConnectionLifetime);
        Assert.NotEqual(Timeout.InfiniteTimeSpan, sockets.PooledConnectionLifetime); // the default: never retired
    }

    [Fact]
    public void DiscordHttpHandler_DoesNotFollowRedirects()
    {
        using var provider = Services();

        HttpMessageHandler handler = provider.GetRequiredService<IHttpMessageHandlerFactory>().CreateHandler(DiscordRestServiceCollectionExtensions.HttpClientName);
        while (handler is DelegatingHandler delegating)
        {
            handler = delegating.InnerHandler!;
        }

        // A request and its body go only to the configured API host.
        Assert.False(Assert.IsType<SocketsHttpHandler>(handler).AllowAutoRedirect);
    }

    private static ServiceProvider Services()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "test-token" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDiscordRest(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
