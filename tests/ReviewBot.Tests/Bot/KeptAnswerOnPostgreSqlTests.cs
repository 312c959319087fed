using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Npgsql;
using ReviewBot.Core;
using ReviewBot.Core.Answers;
using ReviewBot.TestSupport;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// The bot on PostgreSQL keeps answers the way it does on SQLite, and learns of changes through its
/// listener: an answer asked before reads no version from the database, an edit made by another
/// connection is answered once told, and this process's own rating is answered at once.
/// </summary>
public sealed class KeptAnswerOnPostgreSqlTests
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Review_AskedBefore_ReusedWithoutAVersionRead_AndAnsweredAnewAfterAnEditElsewhereAndAfterARating()
    {
        await using var scratch = await (await PostgresCluster.GetAsync()).CreateScratchDatabaseAsync();
        var database = scratch.ConnectionString;
        var options = new BotHostOptions();
        options.Settings["ConnectionStrings:Reviews"] = database;
        await using var bot = await BotHost.StartAsync(options);
        var listener = bot.Services.GetRequiredService<PostgreSqlReviewChangeWatch>();
        await Eventually.WaitUntilAsync(() => listener.IsListening, Guard, () => "the bot's listener never listened");
        using var reads = new MetricCollector<long>(bot.Services.GetRequiredService<IMeterFactory>(), CoreMetrics.MeterName, CoreMetrics.VersionReadsInstrument);

        var first = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var again = await bot.SlashAsync("review", new SlashOption("show", "Metallic Rouge"));

        Assert.Equal(first.Callback.BodyText, again.Callback.BodyText);
        Assert.Equal(["database", "memory"], reads.GetMeasurementSnapshot().Select(m => (string?)m.Tags["from"]));

        // Another process's writer, as far as the bot can tell: a connection of its own.
        await using (var other = new NpgsqlConnection(database))
        {
            await other.OpenAsync();
            await using var edit = new NpgsqlCommand(
                "UPDATE reviews SET headline = 'Edited elsewhere', content_hash = 'elsewhere', updated_at = '2030-01-01T00:00:00.0000000+00:00'", other);
            await edit.ExecuteNonQueryAsync();
        }

        InteractionExchange? edited = null;
        await Eventually.WaitUntilAsync(
            async () => (edited = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge")))
                .Embed.GetProperty("description").GetString()!.Contains("Edited elsewhere", StringComparison.Ordinal),
            Guard,
            () => "the edit was never answered");

        var menu = edited!.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal));
        await bot.SelectOnAsync(edited.Data, menu, "7");
        var rated = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal("**7.0**/10 · 1 rating", rated.Field("Community"));
        bot.AssertEveryRequestValid();
    }
}
