using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>Neither the bot token nor an interaction token (it lets anyone answer as the bot for 15 minutes) reaches a log line or a message.</summary>
public sealed class TokenSecrecyTests
{
    [Fact]
    public async Task Run_AnsweringInteractionsAtTraceLevel_LogsNoToken()
    {
        var (options, logs) = LoggingEverything();
        await using var bot = await BotHost.StartAsync(options);

        var review = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var suggestion = await bot.AutocompleteAsync("review", "show", "me");
        await bot.SlashAsync("review", new SlashOption("show", "nothing like it"));
        await bot.StopAsync();
        var records = logs.GetSnapshot();

        Assert.Contains(records, r => r.Level <= LogLevel.Debug); // the filter really let everything through
        AssertNoSecret(records, bot.Discord.Options.Token);
        AssertNoSecret(records, review.Token);
        AssertNoSecret(records, suggestion.Token);
        Assert.All(bot.Discord.Requests.Where(r => r.Body is not null), r => Assert.DoesNotContain(bot.Discord.Options.Token, r.Body!.Value.GetRawText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_TokenRejected_NeitherLogsNorPrintsIt()
    {
        const string rejected = "MTIzNDU2.rejected-token.SECRET";
        var (options, logs) = LoggingEverything();
        options.Token = rejected;
        options.WaitUntilConnected = false;
        await using var bot = await BotHost.StartAsync(options);

        Assert.Equal(2, await bot.Exit.WaitAsync(BotHost.Timeout));

        var records = logs.GetSnapshot();
        Assert.Contains(records, r => r.Level == LogLevel.Error && r.Message.Contains("401", StringComparison.Ordinal));
        AssertNoSecret(records, rejected);
        Assert.DoesNotContain(rejected, bot.ErrorOutput, StringComparison.Ordinal);
    }

    /// <summary>Every log line at every level; the collector is the test's own, so it can be read after the host is disposed.</summary>
    private static (BotHostOptions Options, FakeLogCollector Logs) LoggingEverything()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var options = new BotHostOptions
        {
            ConfigureServices = s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))),
        };
        options.Settings["Logging:LogLevel:Default"] = "Trace";
        options.Settings["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace";
        return (options, logs);
    }

    private static void AssertNoSecret(IReadOnlyList<FakeLogRecord> records, string secret) =>
        Assert.All(records, record =>
        {
            Assert.DoesNotContain(secret, record.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, record.Exception?.ToString() ?? "", StringComparison.Ordinal);
            Assert.All(record.StructuredState ?? [], pair => Assert.DoesNotContain(secret, pair.Value ?? "", StringComparison.Ordinal));
        });
}
