using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Core;
using ReviewBot.Http.Health;

namespace ReviewBot.Http;

public static class HttpEndpointServiceCollectionExtensions
{
    /// <summary>
    /// The bot's HTTP side in the run verb's host: a Kestrel listener on <c>Http:Listen</c> (none when it
    /// is empty) serving the interactions endpoint when <c>Discord:PublicKey</c> is set, and always
    /// <c>/healthz</c> and <c>/readyz</c>.
    /// </summary>
    public static IServiceCollection AddHttpEndpoint(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<HttpEndpointOptions>()
            .Bind(configuration.GetSection(HttpEndpointOptions.SectionName))
            .ValidateSingleValues(HttpEndpointOptions.SectionName, configuration)
            .Validate(o => o.SignatureWindow > TimeSpan.Zero && o.SignatureWindow <= TimeSpan.FromHours(1), "Http:SignatureWindow must be more than 0 and at most 01:00:00: it is how long a captured request could be replayed.")
            .Validate(o => o.OutboxStuckAfter > TimeSpan.Zero && o.OutboxStuckAfter <= HttpEndpointOptions.LongestOutboxStuckAfter, "Http:OutboxStuckAfter must be more than 0 and at most 7.00:00:00: an announcement waiting a week is stuck by any measure, and a longer value would only turn the check off.")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<HttpEndpointOptions>, ListenValidation>();
        services.AddOptions<InteractionEndpointOptions>()
            .Bind(configuration.GetSection("Discord"))
            .ValidateSingleValues("Discord", configuration)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<InteractionEndpointOptions>, PublicKeyValidation>();

        services.AddSingleton<IInteractionSignatureVerifier, Ed25519SignatureVerifier>();
        services.AddSingleton<InteractionEndpoint>();
        services.AddSingleton<IStartupFilter, HttpEndpointStartup>();

        services.AddHealthChecks()
            .AddCheck<DatabaseReadinessCheck>("database", tags: [HttpEndpointStartup.ReadyTag])
            .AddCheck<GatewayReadinessCheck>("gateway", tags: [HttpEndpointStartup.ReadyTag])
            .AddCheck<OutboxReadinessCheck>("outbox", tags: [HttpEndpointStartup.ReadyTag]);

        if (string.IsNullOrWhiteSpace(configuration["Http:Listen"]))
        {
            services.AddSingleton<IServer, NoListener>();
            return services;
        }

        // Read from configuration, not the validated options: building the host already creates Kestrel, and a
        // wrong address must surface as the start-up validation's one-line message, not as a build failure.
        services.AddOptions<KestrelServerOptions>().Configure(kestrel =>
        {
            if (HttpEndpointOptions.ParseListen(configuration["Http:Listen"] ?? "").EndPoint is { } endPoint)
            {
                kestrel.Listen(endPoint);
            }

            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = InteractionEndpoint.MaxBodyBytes;
        });
        NameTheSettingWhenBindingFails(services, configuration["Http:Listen"]!);
        return services;
    }

    /// <summary>
    /// Wraps the web host's server (registered by the run verb's builder before this) in
    /// <see cref="ListenFailure"/>; the server itself stays the container's to make and dispose.
    /// </summary>
    private static void NameTheSettingWhenBindingFails(IServiceCollection services, string listen)
    {
        if (services.LastOrDefault(d => d.ServiceType == typeof(IServer) && !d.IsKeyedService) is not { } server)
        {
            return;
        }

        var key = new object();
        services.Remove(server);
        services.Add(server switch
        {
            { ImplementationType: { } type } => new ServiceDescriptor(typeof(IServer), key, type, server.Lifetime),
            { ImplementationFactory: { } factory } => new ServiceDescriptor(typeof(IServer), key, (provider, _) => factory(provider), server.Lifetime),
            _ => new ServiceDescriptor(typeof(IServer), key, server.ImplementationInstance!),
        });
        services.Add(new ServiceDescriptor(
            typeof(IServer),
            provider => new ListenFailure(provider.GetRequiredKeyedService<IServer>(key), listen),
            server.Lifetime));
    }

    /// <summary>Names what is wrong with Http:Listen in the words of <see cref="HttpEndpointOptions.ParseListen"/>.</summary>
    private sealed class ListenValidation : IValidateOptions<HttpEndpointOptions>
    {
        public ValidateOptionsResult Validate(string? name, HttpEndpointOptions options) =>
            options.IsEnabled && HttpEndpointOptions.ParseListen(options.Listen!).Error is { } error
                ? ValidateOptionsResult.Fail(error)
                : ValidateOptionsResult.Success;
    }

    private sealed class PublicKeyValidation(IConfiguration configuration) : IValidateOptions<InteractionEndpointOptions>
    {
        public ValidateOptionsResult Validate(string? name, InteractionEndpointOptions options)
        {
            if (InteractionEndpointOptions.Problem(options.PublicKey) is { } problem)
            {
                return ValidateOptionsResult.Fail(problem);
            }

            return options.IsEnabled && string.IsNullOrWhiteSpace(configuration["Http:Listen"])
                ? ValidateOptionsResult.Fail("Discord:PublicKey is set but Http:Listen is not: the interactions endpoint needs a listener, e.g. Http:Listen=http://127.0.0.1:8080.")
                : ValidateOptionsResult.Success;
        }
    }
}
