using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ReviewBot.Http.Health;

namespace ReviewBot.Http;

/// <summary>
/// The listener's routes, added to the host's request pipeline as a startup filter so that the run
/// verb's host needs no step after it is built: <c>POST /interactions</c> when a public key is set;
/// <c>GET /healthz</c> (the process answers: no check runs) and <c>GET /readyz</c> (the checks tagged
/// ready: 200 when all pass, 503 with what is wrong); <c>GET /metrics</c> (Prometheus text).
/// </summary>
internal sealed class HttpEndpointStartup(IOptions<InteractionEndpointOptions> interactions, IOptions<HttpEndpointOptions> http) : IStartupFilter
{
    public const string ReadyTag = "ready";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            if (interactions.Value.IsEnabled)
            {
                endpoints.MapPost(InteractionEndpoint.Path, (HttpContext context, InteractionEndpoint endpoint) => endpoint.HandleAsync(context));
            }

            endpoints.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthResponse.WriteAsync });
            endpoints.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthResponse.WriteAsync });
            // The Prometheus exporter is registered only with a listener (see AddReviewBotMetrics).
            if (http.Value.IsEnabled)
            {
                endpoints.MapPrometheusScrapingEndpoint("/metrics");
            }
        });
        next(app);
    };
}
