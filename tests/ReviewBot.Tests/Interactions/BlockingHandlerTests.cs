using System.Diagnostics;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Http;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Interactions;

/// <summary>
/// Handlers that block the threads they run on, each answered within Discord's 3 s. They block a dozen
/// or more threads of the process's one pool and time what the others still do, so they run alone, after
/// the tests that run in parallel (whose own work on the same pool, on two cores, would be timed with them).
/// </summary>
[Collection(Name)]
public sealed class BlockingHandlerTests
{
    public const string Name = "Blocking handlers";

    [Fact]
    public async Task MoreCommandsBlockingTheirThreadsThanSlots_AreAllDeferredInTimeThenEdited()
    {
        // A handler blocking its thread keeps it, but not its slot (Gateway:MaxConcurrentHandlers, 8) once
        // its defer is out: the interactions queued behind eight of them are still acknowledged, each
        // within Discord's 3 s, though every one of them blocks a thread of the pool.
        const int count = 12;
        var command = new BlockingCommand();
        await using var bot = await BotHost.StartAsync(command.InBot());

        var dispatched = DateTimeOffset.UtcNow;
        var sent = await bot.DispatchCommandsAsync("blocks", count);
        var callbacks = await bot.Discord.WaitForRequestsAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), count, BotHost.Timeout);

        Assert.All(callbacks, c => Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, BotHost.CallbackType(c)));
        Assert.All(callbacks, c => Assert.InRange(c.ReceivedAt - dispatched, TimeSpan.Zero, BotHost.AnswerWindow));
        Assert.True(command.IsBlocking);
        command.Unblock.Set();
        foreach (var (_, token) in sent)
        {
            await bot.WaitForOriginalEditAsync(token);
        }

        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task ManyCommandsBlockingTheirThreadsOverHttp_AreEachDeferredWithinDiscordsWindowThenEdited()
    {
        // Over HTTP each handler runs on its request's thread: the defer is the response, written from
        // the deadline timer's thread while the handler still blocks, and the answer follows as the edit.
        var command = new BlockingCommand();
        await using var http = await HttpBot.StartAsync(command.InBot());

        // More of them than the pool has threads or may start at once (the tests before may have left it
        // many), so every thread it has is held and the rest must be started.
        ThreadPool.GetMinThreads(out var minimum, out _);
        var count = Math.Max(12, Math.Max(ThreadPool.ThreadCount, minimum) + 4);
        var sent = Enumerable.Range(0, count).Select(_ => http.Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("blocks"))).ToList();

        var answers = await Task.WhenAll(sent.Select(async interaction =>
        {
            var clock = Stopwatch.StartNew();
            var answer = await http.SendAsync(interaction.Payload);
            return (Answer: answer, Elapsed: clock.Elapsed);
        }));
        Assert.True(command.IsBlocking);
        command.Unblock.Set();

        Assert.All(answers, a => Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, a.Answer.Type));
        Assert.All(answers, a => Assert.InRange(a.Elapsed, TimeSpan.Zero, BotHost.AnswerWindow));
        foreach (var (_, token, _) in sent)
        {
            await http.Bot.WaitForOriginalEditAsync(token);
        }

        http.Bot.AssertEveryRequestValid();
    }
}

/// <summary>xunit starts a collection that disables parallelization only after every parallel collection has finished.</summary>
[CollectionDefinition(BlockingHandlerTests.Name, DisableParallelization = true)]
public sealed class BlockingHandlerCollection;
