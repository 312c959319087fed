using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Commands;
using ReviewBot.Discord.Models;
using ReviewBot.Hosting;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

public sealed class InteractionDispatchTests
{
    [Fact]
    public async Task Command_Throws_RepliesWithARefIdThatIsInTheLog()
    {
        var options = new BotHostOptions
        {
            ConfigureServices = s =>
            {
                s.AddLogging(b => b.AddFakeLogging());
                s.AddSingleton<ISlashCommand, ThrowingCommand>();
            },
        };
        await using var bot = await BotHost.StartAsync(options);

        var reply = await bot.SlashAsync("boom");

        Assert.Equal(4, reply.Type);
        Assert.True(reply.IsEphemeral);
        var match = System.Text.RegularExpressions.Regex.Match(reply.Content, @"^Something went wrong \(ref ([A-Z2-9]{6})\)");
        Assert.True(match.Success, reply.Content);
        var logged = bot.Services.GetFakeLogCollector().GetSnapshot()
            .Single(r => r.Level == LogLevel.Error && r.Message.Contains(match.Groups[1].Value, StringComparison.Ordinal));
        Assert.IsType<InvalidOperationException>(logged.Exception);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Command_Slow_IsDeferredThenTheOriginalResponseIsEdited()
    {
        var gate = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);

        var deferred = await bot.SlashAsync("slow");
        Assert.Equal(5, deferred.Type);
        gate.Release.SetResult();

        var edit = await bot.WaitForOriginalEditAsync(deferred.Token);
        Assert.Equal("Done, slowly.", edit.Body!.Value.GetProperty("content").GetString());
        Assert.Single(bot.Discord.Requests, r => BotHost.IsCallbackFor(r, deferred.InteractionId));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task TwoHundredInteractionsAtOnce_AreEachAnsweredExactlyOnce()
    {
        await using var bot = await BotHost.StartAsync();
        var commands = new[] { "review", "episode", "latest", "search" };

        var sent = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => bot.DispatchInteractionAsync(2, BotHost.ChannelId + (ulong)(i % 10), new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = commands[i % 4],
            ["type"] = 1,
            ["options"] = (i % 4) switch
            {
                0 => new JsonArray(new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "metallic-rouge" }),
                1 => new JsonArray(new JsonObject { ["name"] = "number", ["type"] = 4, ["value"] = 1 + (i % 13) }, new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "metallic-rouge" }),
                2 => new JsonArray(),
                _ => new JsonArray(new JsonObject { ["name"] = "query", ["type"] = 3, ["value"] = "rouge" }),
            },
        })));

        var ids = sent.Select(s => s.Id).ToHashSet();
        await bot.Discord.WaitForRequestsAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), 200, TimeSpan.FromSeconds(30));
        var callbacks = bot.Discord.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, callbacks.Count);
        Assert.All(ids, id => Assert.Single(callbacks, c => BotHost.IsCallbackFor(c, id)));
        Assert.All(callbacks, c => Assert.Equal(4, c.Body!.Value.GetProperty("type").GetInt32()));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Interaction_Answered_RecordsTheBotsOwnLatency()
    {
        await using var bot = await BotHost.StartAsync();
        using var collector = new MetricCollector<double>(bot.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), InteractionMetrics.MeterName, InteractionMetrics.DurationInstrument);

        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.AutocompleteAsync("review", "show", "me");

        var measurements = collector.GetMeasurementSnapshot();
        Assert.Equal(2, measurements.Count);
        Assert.Contains(measurements, m => (string?)m.Tags["command"] == "review" && (string?)m.Tags["response"] == "reply");
        Assert.Contains(measurements, m => (string?)m.Tags["response"] == "autocomplete");
        Assert.All(measurements, m => Assert.InRange(m.Value, 0, 10_000));
    }

    private sealed class ThrowingCommand : ISlashCommand
    {
        public ApplicationCommandDefinition Definition { get; } = new() { Name = "boom", Description = "Fails on purpose" };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("a bug");
    }

    private sealed class SlowCommand : ISlashCommand
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ApplicationCommandDefinition Definition { get; } = new() { Name = "slow", Description = "Takes its time" };

        public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(cancellationToken);
            return InteractionReply.Ephemeral("Done, slowly.");
        }
    }
}
