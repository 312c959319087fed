using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway;
using ReviewBot.Http.Health;
using ReviewBot.Tests.Announcements;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>/healthz and /readyz over real HTTP, and the readiness rules on their own.</summary>
public sealed class HealthTests
{
    [Fact]
    public async Task Healthz_Answers200Healthy()
    {
        await using var http = await HttpBot.StartAsync(publicKey: false);

        using var response = await http.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", Json(await response.Content.ReadAsStringAsync()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_ConnectedAndMigrated_Answers200WithEveryCheckHealthy()
    {
        await using var http = await HttpBot.StartAsync(publicKey: false);
        // An answered gateway interaction means READY, sent before it on the same socket, was read.
        await http.Bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        using var response = await http.Client.GetAsync("/readyz");
        var body = Json(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        foreach (var check in new[] { "database", "gateway", "outbox" })
        {
            Assert.Equal("Healthy", body.GetProperty("checks").GetProperty(check).GetProperty("status").GetString());
        }

        Assert.Equal("ready", body.GetProperty("checks").GetProperty("gateway").GetProperty("shard_0").GetString());
    }

    /// <summary>A delivery and sources worker starts no shard; it is ready once its database is, not never.</summary>
    [Fact]
    public async Task Readyz_ProcessWithoutTheGatewayDuty_Answers200SayingTheGatewayRunsElsewhere()
    {
        var options = new BotHostOptions { WaitUntilConnected = false };
        options.Settings["Duties"] = "delivery, sources";
        await using var http = await HttpBot.StartAsync(options, publicKey: false);

        using var response = await http.Client.GetAsync("/readyz");
        var body = Json(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var gateway = body.GetProperty("checks").GetProperty("gateway");
        Assert.Equal("Healthy", gateway.GetProperty("status").GetString());
        Assert.Contains("not among this process's duties", gateway.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A probe of a process that is not ready writes no error, and no probe or scrape writes a line per
    /// request: a load balancer asks every few seconds, and the journal is for what happened to the bot.
    /// </summary>
    [Fact]
    public async Task Readyz_NotReady_LogsNoErrorAndProbesLogNoRequestLines()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var options = new BotHostOptions { ConfigureServices = s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))) };
        await using var http = await HttpBot.StartAsync(options, publicKey: false);
        await DeleteMigrationRowAsync(http.Bot.DatabasePath, "0004_");

        using var ready = await http.Client.GetAsync("/readyz");
        using var metrics = await http.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Information); // the collector really sees the bot's lines
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Error);
        Assert.DoesNotContain(records, r => r.Category?.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true && r.Level < LogLevel.Warning);
    }

    [Fact]
    public async Task Readyz_MigrationNotApplied_Answers503NamingIt()
    {
        await using var http = await HttpBot.StartAsync(publicKey: false);
        await DeleteMigrationRowAsync(http.Bot.DatabasePath, "0004_");

        using var response = await http.Client.GetAsync("/readyz");
        var database = Json(await response.Content.ReadAsStringAsync()).GetProperty("checks").GetProperty("database");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", database.GetProperty("status").GetString());
        Assert.Contains("not applied: 0004_", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readyz_DatabaseMigratedByANewerBuild_Answers503SayingSo()
    {
        await using var http = await HttpBot.StartAsync(publicKey: false);
        await using (var connection = new SqliteConnection($"Data Source={http.Bot.DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO SchemaVersions (ScriptName, Applied) VALUES ('ReviewBot.Migrations.9999_from_a_newer_build.sql', '2027-01-01 00:00:00')";
            await command.ExecuteNonQueryAsync();
        }

        using var response = await http.Client.GetAsync("/readyz");
        var database = Json(await response.Content.ReadAsStringAsync()).GetProperty("checks").GetProperty("database");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.StartsWith("The database was migrated by a newer ReviewBot: its journal lists 9999_from_a_newer_build.sql", database.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Gateway_ShardNotReady_IsUnhealthyNamingTheShard()
    {
        var result = GatewayReadinessCheck.Evaluate([Shard(0, ready: true), Shard(1, ready: false)]);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("Shard(s) 1 of 2 not READY.", result.Description);
    }

    [Fact]
    public void Gateway_NoShardStarted_IsUnhealthy() =>
        Assert.Equal(HealthStatus.Unhealthy, GatewayReadinessCheck.Evaluate([]).Status);

    [Fact]
    public void Gateway_AllShardsReady_IsHealthy() =>
        Assert.Equal(HealthStatus.Healthy, GatewayReadinessCheck.Evaluate([Shard(0, ready: true), Shard(1, ready: true)]).Status);

    [Theory]
    [InlineData(null, HealthStatus.Healthy)]
    [InlineData(899, HealthStatus.Healthy)]
    [InlineData(900, HealthStatus.Healthy)]
    [InlineData(901, HealthStatus.Unhealthy)]
    public void Outbox_IsUnhealthyOnlyWhenTheOldestWaitedLongerThanTheLimit(int? oldestSeconds, HealthStatus expected)
    {
        var backlog = new OutboxBacklog(3, oldestSeconds is { } s ? TimeSpan.FromSeconds(s) : null);

        var result = OutboxReadinessCheck.Evaluate(backlog, TimeSpan.FromMinutes(15));

        Assert.Equal(expected, result.Status);
        Assert.Equal(3, result.Data["pending"]);
    }

    [Fact]
    public async Task OutboxBacklog_CountsPending_AndAgesOnlyDeliverableOnes()
    {
        await using var harness = await AnnouncementHarness.StartAsync();
        var subscription = await harness.SubscribeAsync(AnnouncementHarness.NewChannel());
        await harness.ImportAsync();
        var hourLater = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var query = new OutboxBacklogQuery(harness.Get<ReviewDatabase>(), hourLater);

        var waiting = await query.ReadAsync(CancellationToken.None);
        Assert.True(await harness.Get<SubscriptionStore>().PauseChannelAsync(subscription.ChannelId, "missing access", CancellationToken.None));
        var paused = await query.ReadAsync(CancellationToken.None);

        Assert.Equal(1, waiting.Pending);
        Assert.InRange(waiting.OldestDeliverableAge!.Value, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        Assert.Equal(1, paused.Pending);
        Assert.Null(paused.OldestDeliverableAge);
    }

    /// <summary>
    /// A stuck outbox is the delivering process's to answer for: a gateway-only process posts no
    /// announcement, and taking it out of the load balancer over them would leave members unanswered too.
    /// </summary>
    [Fact]
    public async Task Readyz_ProcessWithoutTheDeliveryDuty_StaysReadyWhileAnnouncementsWaitTooLong()
    {
        var hourLater = new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(1));
        var options = new BotHostOptions
        {
            ConfigureServices = services => services.AddSingleton(provider => new OutboxBacklogQuery(provider.GetRequiredService<ReviewDatabase>(), hourLater)),
        };
        options.Settings["Duties"] = "gateway";
        await using var http = await HttpBot.StartAsync(options, publicKey: false);
        var services = http.Bot.Services;
        await services.GetRequiredService<SubscriptionStore>().AddAsync(
            new NewSubscription(AnnouncementHarness.Guild, AnnouncementHarness.NewChannel(), ChannelKind.Text, null, null, 42), CancellationToken.None);
        var imported = await services.GetRequiredService<IReviewImporter>().ImportAsync(
            new ReviewDocument("frieren-1.txt", "frieren-1.txt", AnnouncementHarness.Review("Frieren"), ReviewOrigin.File, Announce: true), CancellationToken.None);
        Assert.True(imported.Succeeded, imported.Error);

        using var response = await http.Client.GetAsync("/readyz");
        var body = Json(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var outbox = body.GetProperty("checks").GetProperty("outbox");
        Assert.Equal("Healthy", outbox.GetProperty("status").GetString());
        Assert.Contains("not among this process's duties", outbox.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, (await services.GetRequiredService<OutboxBacklogQuery>().ReadAsync(CancellationToken.None)).Pending);
    }

    /// <summary>Makes the database look as if that migration had not been applied.</summary>
    private static async Task DeleteMigrationRowAsync(string databasePath, string migration)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM SchemaVersions WHERE ScriptName LIKE $pattern";
        command.Parameters.AddWithValue("$pattern", $"%{migration}%");
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private static GatewayShardStatus Shard(int id, bool ready) => new(id, ready, ready ? "session" : null, null, null);

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;
}
