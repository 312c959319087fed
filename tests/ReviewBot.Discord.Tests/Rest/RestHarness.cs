using FakeDiscord;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Discord;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Discord.Rest.RateLimits;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>
/// A real loopback FakeDiscord plus a <see cref="DiscordRestClient"/> built through AddDiscordRest,
/// with every log line captured. Disposing asserts that no body broke the OpenAPI schema.
/// </summary>
internal sealed class RestHarness : IAsyncDisposable
{
    public const string InteractionToken = "aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OTpzZWNyZXQtaW50ZXJhY3Rpb24tdG9rZW4tdmFsdWU";

    private readonly ServiceProvider _provider;

    private readonly IConfigurationRoot _configuration;

    private RestHarness(FakeDiscordServer server, ServiceProvider provider, IConfigurationRoot configuration)
    {
        _configuration = configuration;
        Server = server;
        _provider = provider;
        Client = provider.GetRequiredService<DiscordRestClient>();
        Logs = provider.GetFakeLogCollector();
        RateLimiter = provider.GetRequiredService<DiscordRateLimiter>();
        Writes = provider.GetRequiredService<InteractionCallbackWrites>();
    }

    public FakeDiscordServer Server { get; }

    public DiscordRestClient Client { get; }

    public FakeLogCollector Logs { get; }

    public DiscordRateLimiter RateLimiter { get; }

    /// <summary>Where a test watches for an interaction callback being written.</summary>
    public InteractionCallbackWrites Writes { get; }

    /// <summary>Set by tests that send invalid bodies on purpose.</summary>
    public bool ExpectSchemaViolations { get; set; }

    public static async Task<RestHarness> StartAsync(
        FakeDiscordOptions? fake = null,
        bool configureApplicationId = true,
        int globalPerSecond = 50,
        int warnInvalidEvery = 2500,
        RestRetryOptions? retry = null,
        bool apiBaseTrailingSlash = false)
    {
        var server = await FakeDiscordServer.StartAsync(fake);
        var settings = new Dictionary<string, string?>
        {
            ["Discord:Token"] = server.Options.Token,
            ["Discord:ApiBaseUrl"] = server.ApiBaseUrl.AbsoluteUri + (apiBaseTrailingSlash ? "/" : ""),
            ["Discord:ApplicationId"] = configureApplicationId ? server.Options.ApplicationId.ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddSingleton(retry ?? new RestRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), RequestTimeout = TimeSpan.FromSeconds(10) });
        services.AddSingleton(sp => new DiscordRateLimiter(TimeProvider.System, sp.GetRequiredService<ILoggerFactory>(), globalPerSecond, warnInvalidEvery));
        services.AddDiscordRest(configuration);
        return new RestHarness(server, services.BuildServiceProvider(validateScopes: true), configuration);
    }

    /// <summary>Puts a new bot token in the configuration, as an operator would after resetting it.</summary>
    public void SetToken(string token)
    {
        _configuration["Discord:Token"] = token;
        _configuration.Reload();
    }

    /// <summary>An interaction as the gateway would deliver it, with a long token like Discord's.</summary>
    public Interaction Interaction(ulong id = 1_200_000_000_000_000_001) =>
        InteractionJson.Parse(System.Text.Encoding.UTF8.GetBytes($$"""
            {"id":"{{id}}","application_id":"{{Server.Options.ApplicationId}}","type":2,"token":"{{InteractionToken}}","version":1,
             "guild_id":"1300000000000000001","channel_id":"1300000000000000002",
             "data":{"id":"1400000000000000001","name":"review","type":1} }
            """));

    public async ValueTask DisposeAsync()
    {
        var violations = Server.SchemaViolations;
        await _provider.DisposeAsync();
        await Server.DisposeAsync();
        if (!ExpectSchemaViolations)
        {
            Assert.True(violations.Count == 0, "Bodies broke Discord's OpenAPI schema:\n" + string.Join("\n", violations));
        }
    }
}
