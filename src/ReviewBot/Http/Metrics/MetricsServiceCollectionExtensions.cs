using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using ReviewBot.Core;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway;
using ReviewBot.Interactions;

namespace ReviewBot.Http.Metrics;

public static class MetricsServiceCollectionExtensions
{
    /// <summary>The meters every layer writes to, besides .NET's own HTTP client and server meters.</summary>
    public static readonly IReadOnlyList<string> Meters =
    [
        InteractionMetrics.MeterName,
        CoreMetrics.MeterName,
        GatewayMetrics.MeterName,
        "System.Net.Http",
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "System.Runtime",
    ];

    /// <summary>
    /// OpenTelemetry metrics for the run verb: Prometheus text at GET /metrics when the listener is on,
    /// and OTLP when the standard OTEL_EXPORTER_OTLP_ENDPOINT setting is given (the exporter reads the
    /// other OTEL_* settings itself).
    /// </summary>
    public static IServiceCollection AddReviewBotMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<GatewayMetrics>();
        services.AddHostedService<ObservedInstruments>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("reviewbot"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter([.. Meters]);
                if (!string.IsNullOrWhiteSpace(configuration["Http:Listen"]))
                {
                    metrics.AddPrometheusExporter();
                }

                if (!string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    /// <summary>Creates the observing instruments at start, so the first scrape already has them.</summary>
    private sealed class ObservedInstruments(GatewayMetrics gateway, OutboxMetrics outbox, InteractionMetrics interactions) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            GC.KeepAlive(gateway);
            GC.KeepAlive(outbox);
            GC.KeepAlive(interactions);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
