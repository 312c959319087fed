using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ReviewBot.Core;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Tests.Announcements;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>GET /metrics over real HTTP after real traffic, and Core's counters where they are counted.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterTraffic_ShowInteractionsShardsOutboxRestAndImports_WithoutAnyToken()
    {
        await using var http = await HttpBot.StartAsync();
        var overGateway = await http.Bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        Assert.Equal(HttpStatusCode.OK, (await http.SlashAsync("search", new SlashOption("query", "rouge"))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync(Encoding.UTF8.GetBytes("{}"), new string('0', 128), InteractionSigner.Timestamp(DateTimeOffset.UtcNow))).Status);
        await http.Bot.ImportAsync(AnnouncementHarness.Review("Frieren"));

        using var response = await http.Client.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(Lines(text, "reviewbot_interactions_total"), l => l.Contains("command=\"review\"", StringComparison.Ordinal) && l.Contains("outcome=\"reply\"", StringComparison.Ordinal));
        Assert.Contains(Lines(text, "reviewbot_interactions_total"), l => l.Contains("command=\"search\"", StringComparison.Ordinal));
        Assert.Contains(Lines(text, "reviewbot_interaction_duration"), l => l.Contains("command=\"review\"", StringComparison.Ordinal));
        Assert.Contains(Lines(text, "reviewbot_http_interactions_refused_total"), l => l.Contains("reason=\"BadSignature\"", StringComparison.Ordinal));
        Assert.Contains(Lines(text, "reviewbot_gateway_shard_ready"), l => l.Contains("shard=\"0\"", StringComparison.Ordinal) && l.EndsWith(" 1", StringComparison.Ordinal));
        Assert.NotEmpty(Lines(text, "reviewbot_gateway_reconnects"));
        Assert.NotEmpty(Lines(text, "reviewbot_outbox_pending"));
        Assert.NotEmpty(Lines(text, "reviewbot_outbox_oldest_age"));
        Assert.Contains(Lines(text, "reviewbot_imports_total"), l => l.Contains("origin=\"file\"", StringComparison.Ordinal) && l.Contains("outcome=\"created\"", StringComparison.Ordinal));
        Assert.Contains(Lines(text, "http_client_request_duration_seconds"), l =>
            l.Contains("url_template=\"/interactions/{interaction_id}/{interaction_token}/callback\"", StringComparison.Ordinal)
            && (l.Contains("http_response_status_code=\"204\"", StringComparison.Ordinal) || l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal)));
        Assert.DoesNotContain(overGateway.Token, text, StringComparison.Ordinal);
        Assert.DoesNotContain("interaction-token-", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_AreCountedSentAndPaused_WhereTheStoreRecordsThem()
    {
        await using var harness = await AnnouncementHarness.StartAsync();
        using var deliveries = new MetricCollector<long>(harness.Get<System.Diagnostics.Metrics.IMeterFactory>(), CoreMetrics.MeterName, "reviewbot.announcement.deliveries");
        var channel = AnnouncementHarness.NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();

        await harness.DeliverAsync();
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "test", CancellationToken.None);

        var byOutcome = deliveries.GetMeasurementSnapshot().GroupBy(m => (string)m.Tags["outcome"]!).ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        Assert.Equal(1, byOutcome["sent"]);
        Assert.Equal(1, byOutcome["paused"]);
        Assert.False(byOutcome.ContainsKey("failed"));
    }

    private static List<string> Lines(string text, string metric) =>
        [.. text.Split('\n').Where(l => l.StartsWith(metric, StringComparison.Ordinal))];
}
