using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
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

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
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
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        gate.Release.SetResult();

        var edit = await bot.WaitForOriginalEditAsync(deferred.Token);
        Assert.Equal("Done, slowly.", edit.Body!.Value.GetProperty("content").GetString());
        Assert.Single(bot.Discord.Requests, r => BotHost.IsCallbackFor(r, deferred.InteractionId));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Command_BlockingItsThread_IsDeferredOnTimeThenTheOriginalResponseIsEdited()
    {
        // The handler runs on the thread that took the interaction and blocks it, as a read from a slow
        // disk would: the defer is sent while it still blocks, and its answer is the edit that follows.
        var command = new BlockingCommand();
        await using var bot = await BotHost.StartAsync(command.InBot());

        var deferred = await bot.SlashAsync("blocks");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        Assert.True(command.IsBlocking);
        command.Unblock.Set();

        var edit = await bot.WaitForOriginalEditAsync(deferred.Token);
        Assert.Equal("Done, after blocking.", edit.Body!.Value.GetProperty("content").GetString());
        Assert.Single(bot.Discord.Requests, r => BotHost.IsCallbackFor(r, deferred.InteractionId));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Command_SlowThenThrows_ReplacesThePublicDeferWithAnEphemeralError()
    {
        var gate = new SlowCommand { Failure = new InvalidOperationException("a slow bug") };
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);

        var deferred = await bot.SlashAsync("slow");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        Assert.False(deferred.Callback.Body!.Value.TryGetProperty("data", out _)); // a public defer: the case that needs replacing
        gate.Release.SetResult();

        var followup = (await bot.Discord.WaitForRequestsAsync(r => r.Method == "POST" && r.Path.EndsWith("/" + deferred.Token, StringComparison.Ordinal), 1, BotHost.Timeout))[0];
        var requests = bot.Discord.Requests.Where(r => r.Path.Contains(deferred.Token, StringComparison.Ordinal)).Select(r => r.Method + " " + r.Route).ToList();
        Assert.Equal(
            [
                "POST /interactions/{interaction_id}/{interaction_token}/callback",
                "DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original",
                "POST /webhooks/{webhook_id}/{webhook_token}",
            ],
            requests.Select(r => r[(r.IndexOf(' ', StringComparison.Ordinal) + 1)..]));
        Assert.True(BotHost.IsEphemeral(followup.Body!.Value));
        Assert.StartsWith("Something went wrong (ref ", followup.Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    /// <summary>
    /// The proxy in front of the API answers 504 after Discord took the defer: Discord shows "thinking…",
    /// and the answer must still follow. Taken as refused, it was dropped, and the member waited for
    /// nothing. (The callback is resent, and Discord refuses the resend with 40060: it has the first.)
    /// </summary>
    [Fact]
    public async Task Command_SlowAndTheDefersAnswerIsLost_StillEditsItsAnswerIn()
    {
        var gate = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);
        bot.Discord.AnswerWithServerErrorAfterActing(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), 504);

        var deferred = await bot.SlashAsync("slow");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        gate.Release.SetResult();

        var edit = await bot.WaitForOriginalEditAsync(deferred.Token);
        Assert.Equal("Done, slowly.", edit.Body!.Value.GetProperty("content").GetString());
    }

    [Fact]
    public async Task Command_SlowThenThrows_FollowupWhoseAnswerIsLost_IsPostedOnce()
    {
        // The ephemeral error after a public defer goes out as a follow-up, which takes no nonce:
        // Discord posts it, the proxy in front answers 504, and a resend would show it twice.
        var gate = new SlowCommand { Failure = new InvalidOperationException("a slow bug") };
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);
        bot.Discord.AnswerWithServerErrorAfterActing(r => r.Route == "POST /webhooks/{webhook_id}/{webhook_token}", 504);

        var deferred = await bot.SlashAsync("slow");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);
        gate.Release.SetResult();
        bool IsFollowup(FakeDiscord.Rest.RecordedRequest r) => r.Method == "POST" && r.Path.EndsWith("/" + deferred.Token, StringComparison.Ordinal);
        await bot.Discord.WaitForRequestsAsync(IsFollowup, 1, BotHost.Timeout);
        await bot.Services.GetRequiredService<LateReplies>().WhenIdleAsync().WaitAsync(BotHost.Timeout);

        var followup = Assert.Single(bot.Discord.Requests, IsFollowup);
        Assert.StartsWith("Something went wrong (ref ", followup.Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stop_WhileAHandlerIsStillRunning_ExitsZeroWithoutReportingAnError()
    {
        var gate = new SlowCommand(); // never released: only the stop can end it
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var options = new BotHostOptions
        {
            ConfigureServices = s =>
            {
                s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
                s.AddSingleton<ISlashCommand>(gate);
            },
        };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);
        var deferred = await bot.SlashAsync("slow");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);

        var exitCode = await bot.StopAsync();

        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Path.Contains(deferred.Token, StringComparison.Ordinal) && r.Method != "POST");
    }

    /// <summary>
    /// Ctrl+C or SIGTERM while a member's command is still being answered: the gateway closes, but the
    /// answer in flight is still delivered (its REST calls need no gateway), as over HTTP. Cancelled at
    /// once, it left the member with "thinking…" until Discord gave up on it.
    /// </summary>
    [Fact]
    public async Task Stop_WhileADeferredCommandIsStillRunning_StillEditsItsAnswerIn()
    {
        var gate = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);
        var deferred = await bot.SlashAsync("slow");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);

        var exit = bot.StopAsync();
        await bot.Discord.WaitForClientCloseAsync(timeout: BotHost.Timeout);
        gate.Release.SetResult();

        var edit = await bot.WaitForOriginalEditAsync(deferred.Token);
        Assert.Equal("Done, slowly.", edit.Body!.Value.GetProperty("content").GetString());
        Assert.Equal(0, await exit);
    }

    /// <summary>
    /// A handler that blocks its thread past the host's shutdown timeout does not hold the exit: the stop
    /// gives up on it then, says so, and the process exits cleanly while it still blocks.
    /// </summary>
    [Fact]
    public async Task Stop_WhileAHandlerBlocksPastTheShutdownTimeout_ExitsZeroWhileItStillBlocks()
    {
        var command = new BlockingCommand();
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var options = command.InBot();
        var configure = options.ConfigureServices;
        options.ConfigureServices = s =>
        {
            configure?.Invoke(s);
            s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
            s.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        };
        await using var bot = await BotHost.StartAsync(options);
        var deferred = await bot.SlashAsync("blocks");
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, deferred.Type);

        try
        {
            var exitCode = await bot.StopAsync();

            Assert.True(command.IsBlocking);
            Assert.Equal(0, exitCode);
            Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
            Assert.Contains(logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("shutdown timeout", StringComparison.Ordinal));
        }
        finally
        {
            command.Unblock.Set();
        }
    }

    /// <summary>The same before the defer: the stop neither sends a defer nobody follows nor leaves the interaction unanswered.</summary>
    [Fact]
    public async Task Stop_BeforeACommandIsAnswered_StillAnswersIt()
    {
        var gate = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:02.5";
        await using var bot = await BotHost.StartAsync(options);
        var (id, token) = await bot.DispatchInteractionAsync(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("slow"));
        await gate.Started.Task.WaitAsync(BotHost.Timeout);

        var exit = bot.StopAsync();
        await bot.Discord.WaitForClientCloseAsync(timeout: BotHost.Timeout);
        gate.Release.SetResult();

        var callback = await bot.WaitForCallbackAsync(id);
        if (BotHost.CallbackType(callback) == InteractionCallbackType.DeferredChannelMessageWithSource)
        {
            var edit = await bot.WaitForOriginalEditAsync(token);
            Assert.Equal("Done, slowly.", edit.Body!.Value.GetProperty("content").GetString());
        }
        else
        {
            Assert.Equal("Done, slowly.", callback.Body!.Value.GetProperty("data").GetProperty("content").GetString());
        }

        Assert.Equal(0, await exit);
    }

    /// <summary>
    /// A stop while Discord's answer to a callback is still on its way ends the wait for it quietly once
    /// the shutdown timeout runs out: the responder's wait for its answers neither faults nor is
    /// cancelled, nothing is logged as an error and the bot exits cleanly.
    /// </summary>
    [Fact]
    public async Task Stop_WhileDiscordsAnswerToACallbackIsOnItsWay_EndsTheWaitQuietly()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var options = new BotHostOptions { ConfigureServices = s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))) };
        await using var bot = await BotHost.StartAsync(options);
        bot.Discord.DelayAnswer(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        var responder = bot.Services.GetRequiredService<InteractionResponder>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(5);
        while (responder.WhenIdleAsync().IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        var idle = responder.WhenIdleAsync();
        Assert.False(idle.IsCompleted); // the answer is held: its wait is tracked

        var exitCode = await bot.StopAsync();

        await idle.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(idle.IsCompletedSuccessfully);
        Assert.Equal(0, exitCode);
        Assert.DoesNotContain(logs.GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ManySlowCommandsAtOnce_AreAllDeferredInTimeThenEdited()
    {
        // More slow handlers than the gateway runs at once (Gateway:MaxConcurrentHandlers, 8): a deferred
        // handler must not keep its slot, or the next interactions are not even acknowledged in 3 s.
        const int count = 20;
        var gate = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);

        var sent = await bot.DispatchCommandsAsync("slow", count);
        var callbacks = await bot.Discord.WaitForRequestsAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), count, BotHost.Timeout);

        Assert.All(callbacks, c => Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, BotHost.CallbackType(c)));
        gate.Release.SetResult();
        foreach (var (_, token) in sent)
        {
            await bot.WaitForOriginalEditAsync(token);
        }

        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Command_QueuedLongerThanTheDeferTime_IsDeferredAtOnce()
    {
        // Eight slow commands fill the gateway's handler slots (Gateway:MaxConcurrentHandlers) and keep them
        // while their defers take a second to reach Discord; a quick /latest queued behind them has then used
        // its whole budget waiting, so it must be deferred at once rather than given a fresh DeferAfter.
        var gate = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.100";
        await using var bot = await BotHost.StartAsync(options);
        bot.Discord.InjectLatency(TimeSpan.FromSeconds(1), "POST /interactions/{interaction_id}/{interaction_token}/callback", times: 8);

        var slow = await bot.DispatchCommandsAsync("slow", 8);
        var queued = await bot.DispatchInteractionAsync(InteractionType.ApplicationCommand, BotHost.ChannelId, new JsonObject { ["id"] = "1400000000000000001", ["name"] = "latest", ["type"] = 1, ["options"] = new JsonArray() });
        var callback = await bot.WaitForCallbackAsync(queued.Id);

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, BotHost.CallbackType(callback));
        var edit = await bot.WaitForOriginalEditAsync(queued.Token);
        Assert.Equal("Latest reviews", edit.Body!.Value.GetProperty("embeds")[0].GetProperty("title").GetString());
        gate.Release.SetResult();
        foreach (var (_, token) in slow)
        {
            await bot.WaitForOriginalEditAsync(token);
        }

        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Button_SlowAndPressedByAnotherMemberThanTheAsker_IsDeferredThenAnsweredToThemAlone()
    {
        // The defer of a component keeps the message as it is (callback 6); the page then goes to the
        // member who pressed as an ephemeral follow-up, never as an edit of the asker's message.
        var gate = new SlowButton();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<IComponentHandler>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);

        var pressed = bot.PressOnAnswerAsync("slowbutton:1", presser: BotHost.UserId + 1, asker: BotHost.UserId);
        var deferred = await pressed;
        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, deferred.Type);
        gate.Release.SetResult();

        var followup = (await bot.Discord.WaitForRequestsAsync(r => r.Route == "POST /webhooks/{webhook_id}/{webhook_token}" && r.Path.Contains(deferred.Token, StringComparison.Ordinal)))[0];
        Assert.Equal("Page 2", followup.Body!.Value.GetProperty("content").GetString());
        Assert.True(BotHost.IsEphemeral(followup.Body!.Value));
        await bot.StopAsync();
        Assert.DoesNotContain(bot.Discord.Requests, r => r.Method == "PATCH" && r.Path.Contains(deferred.Token, StringComparison.Ordinal));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Button_Slow_IsDeferredAsAnUpdateThenTheMessageIsEdited()
    {
        var gate = new SlowButton();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<IComponentHandler>(gate) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var bot = await BotHost.StartAsync(options);

        var deferred = await bot.ClickAsync("slowbutton:1");
        Assert.Equal(InteractionCallbackType.DeferredUpdateMessage, deferred.Type);
        gate.Release.SetResult();

        var edit = await bot.WaitForOriginalEditAsync(deferred.Token);
        Assert.Equal("Page 2", edit.Body!.Value.GetProperty("content").GetString());
        bot.AssertEveryRequestValid();
    }

    /// <summary>
    /// Suggestions are worth nothing after Discord's 3 s, and autocomplete has no defer: a slow one (a
    /// database that is slow to answer, a pool with no connection free) is answered with none at the
    /// deadline, and lets go of its handler slot then. Held until it ended, eight of them (a member
    /// typing into a slow option) took every slot, and every interaction behind them, commands
    /// included, waited past its 3 s without an answer.
    /// </summary>
    [Fact]
    public async Task Autocomplete_SlowEnoughToFillEveryHandlerSlot_IsAnsweredEmptyInTime_AndACommandBehindItIsAnswered()
    {
        var slow = new SlowAutocomplete();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(slow) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.100";
        await using var bot = await BotHost.StartAsync(options);
        var data = new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = "slowsuggest",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "thing", ["type"] = 3, ["value"] = "me", ["focused"] = true }),
        };

        var typed = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => bot.DispatchInteractionAsync(InteractionType.ApplicationCommandAutocomplete, BotHost.ChannelId, data.DeepClone().AsObject())));
        foreach (var (id, _) in typed)
        {
            var callback = await bot.WaitForCallbackAsync(id);
            Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, BotHost.CallbackType(callback));
            Assert.Equal(0, callback.Body!.Value.GetProperty("data").GetProperty("choices").GetArrayLength());
        }

        var latest = await bot.SlashAsync("latest");
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, latest.Type);

        slow.Release.SetResult();
        await slow.Finished.Task.WaitAsync(BotHost.Timeout);
        await bot.Services.GetRequiredService<InteractionResponder>().WhenIdleAsync().WaitAsync(BotHost.Timeout);
        foreach (var (id, _) in typed)
        {
            Assert.Single(bot.Discord.Requests, r => BotHost.IsCallbackFor(r, id));
        }

        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_Throws_AnswersWithAnEmptyListAndLogs()
    {
        var options = new BotHostOptions
        {
            ConfigureServices = s =>
            {
                s.AddLogging(b => b.AddFakeLogging());
                s.AddSingleton<ISlashCommand, ThrowingAutocomplete>();
            },
        };
        await using var bot = await BotHost.StartAsync(options);

        var reply = await bot.AutocompleteAsync("broken", "thing", "x");

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, reply.Type);
        Assert.Equal(0, reply.Data.GetProperty("choices").GetArrayLength());
        Assert.Contains(bot.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error && r.Exception is InvalidOperationException);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Command_Unknown_SaysTheListMayBeStale()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashAsync("retired");

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Contains("old list", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    /// <summary>
    /// A handler slot is free once the answer is written, not once Discord replies to it: with every
    /// callback's reply held for 10 s, 24 interactions (three times the 8 slots) are all answered
    /// within a few seconds. Holding slots through the round trip answered 8 and left 16 waiting.
    /// </summary>
    [Fact]
    public async Task ManyInteractions_DiscordSlowToReply_AreAllAnsweredWithoutWaitingForIt()
    {
        await using var bot = await BotHost.StartAsync();
        const int count = 24;
        for (var i = 0; i < count; i++)
        {
            bot.Discord.DelayAnswer(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), TimeSpan.FromSeconds(10));
        }

        var sent = await Task.WhenAll(Enumerable.Range(0, count).Select(i => bot.DispatchInteractionAsync(InteractionType.ApplicationCommand, BotHost.ChannelId, new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = "review",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "metallic-rouge" }),
        })));

        var callbacks = await bot.Discord.WaitForRequestsAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), count, TimeSpan.FromSeconds(5));
        Assert.Equal(sent.Select(s => s.Id).Order(), callbacks.Select(c => c.Path.Split('/')[2]).Order());
        Assert.All(callbacks, c => Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, BotHost.CallbackType(c)));
    }

    [Fact]
    public async Task TwoHundredInteractionsAtOnce_AreEachAnsweredExactlyOnce()
    {
        await using var bot = await BotHost.StartAsync();
        var commands = new[] { "review", "episode", "latest", "search", "review" };

        // Commands of every kind and autocomplete (type 4 here) mixed, over ten channels.
        var sent = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => bot.DispatchInteractionAsync(i % 5 == 4 ? InteractionType.ApplicationCommandAutocomplete : InteractionType.ApplicationCommand, BotHost.ChannelId + (ulong)(i % 10), new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = commands[i % 5],
            ["type"] = 1,
            ["options"] = (i % 5) switch
            {
                0 => new JsonArray(new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "metallic-rouge" }),
                1 => new JsonArray(new JsonObject { ["name"] = "number", ["type"] = 4, ["value"] = 1 + (i % 13) }, new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "metallic-rouge" }),
                2 => new JsonArray(),
                3 => new JsonArray(new JsonObject { ["name"] = "query", ["type"] = 3, ["value"] = "rouge" }),
                _ => new JsonArray(new JsonObject { ["name"] = "show", ["type"] = 3, ["value"] = "me", ["focused"] = true }),
            },
        })));

        var ids = sent.Select(s => s.Id).ToHashSet();
        await bot.Discord.WaitForRequestsAsync(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), 200, TimeSpan.FromSeconds(30));
        var callbacks = bot.Discord.Requests.Where(r => r.Path.EndsWith("/callback", StringComparison.Ordinal)).ToList();
        Assert.Equal(200, callbacks.Count);
        Assert.All(ids, id => Assert.Single(callbacks, c => BotHost.IsCallbackFor(c, id)));
        Assert.Equal(40, callbacks.Count(c => BotHost.CallbackType(c) == InteractionCallbackType.ApplicationCommandAutocompleteResult));

        // On a busy machine a command may be deferred; then its answer is exactly one edit of @original.
        foreach (var (id, token) in sent)
        {
            var type = BotHost.CallbackType(callbacks.Single(c => BotHost.IsCallbackFor(c, id)));
            Assert.Contains(type, new[] { InteractionCallbackType.ChannelMessageWithSource, InteractionCallbackType.DeferredChannelMessageWithSource, InteractionCallbackType.ApplicationCommandAutocompleteResult });
            if (type == InteractionCallbackType.DeferredChannelMessageWithSource)
            {
                await bot.WaitForOriginalEditAsync(token);
                Assert.Single(bot.Discord.Requests, r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal));
            }
        }

        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Interaction_Answered_RecordsTheBotsOwnLatency()
    {
        await using var bot = await BotHost.StartAsync();
        using var collector = new MetricCollector<double>(bot.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), InteractionMetrics.MeterName, InteractionMetrics.DurationInstrument);

        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.AutocompleteAsync("review", "show", "me");

        var measurements = await WaitForMeasurementsAsync(collector, 2);
        Assert.Equal(2, measurements.Count);
        Assert.Contains(measurements, m => (string?)m.Tags["command"] == "review" && (string?)m.Tags["response"] == "reply");
        Assert.Contains(measurements, m => (string?)m.Tags["response"] == "autocomplete");
        Assert.All(measurements, m => Assert.InRange(m.Value, 0, 10_000));
    }

    /// <summary>
    /// The bot's own time ends when the callback request is written, not when Discord answers: with
    /// the answer held for 30 s, the measurement is there as soon as Discord has the request, and it
    /// is short. Recording at the answer would wait out the hold; recording before the send would
    /// leave out serialising and writing.
    /// </summary>
    [Fact]
    public async Task BotsOwnLatency_EndsWhenTheCallbackIsWritten_NotWhenDiscordAnswers()
    {
        await using var bot = await BotHost.StartAsync();
        using var collector = new MetricCollector<double>(bot.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), InteractionMetrics.MeterName, InteractionMetrics.DurationInstrument);
        bot.Discord.DelayAnswer(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        var exchange = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, exchange.Type);

        var measurement = Assert.Single(await WaitForMeasurementsAsync(collector, 1));
        Assert.Equal("review", (string?)measurement.Tags["command"]);
        Assert.InRange(measurement.Value, 0, 10_000);
    }

    /// <summary>
    /// The latency is recorded once the callback's flush returns, which can be a moment after Discord
    /// has the request (and the test has seen it): wait for that moment, then give a little more so
    /// that an extra, unexpected measurement would show.
    /// </summary>
    private static async Task<IReadOnlyList<CollectedMeasurement<double>>> WaitForMeasurementsAsync(MetricCollector<double> collector, int count)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (collector.GetMeasurementSnapshot().Count < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await Task.Delay(100);
        return collector.GetMeasurementSnapshot();
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

        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Exception? Failure { get; init; }

        public ApplicationCommandDefinition Definition { get; } = new() { Name = "slow", Description = "Takes its time" };

        public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return Failure is null ? InteractionReply.From(new ReviewBot.Discord.Interactions.MessageBuilder().WithContent("Done, slowly.")) : throw Failure;
        }
    }

    private sealed class SlowButton : IComponentHandler
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public string CustomIdPrefix => "slowbutton";

        public async Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(cancellationToken);
            return InteractionReply.Update(new ReviewBot.Discord.Interactions.MessageBuilder().WithContent("Page 2"));
        }
    }

    private sealed class SlowAutocomplete : IAutocompleteCommand
    {
        private int _finished;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set once all eight have their suggestions, late.</summary>
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ApplicationCommandDefinition Definition { get; } = new()
        {
            Name = "slowsuggest",
            Description = "Suggests slowly",
            Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "thing", Description = "A thing", Autocomplete = true }],
        };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionReply.Ephemeral("unused"));

        public async Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(cancellationToken);
            if (Interlocked.Increment(ref _finished) == 8)
            {
                Finished.SetResult();
            }

            return [ApplicationCommandOptionChoice.String("Too late", "too-late")];
        }
    }

    private sealed class ThrowingAutocomplete : IAutocompleteCommand
    {
        public ApplicationCommandDefinition Definition { get; } = new()
        {
            Name = "broken",
            Description = "Suggests nothing",
            Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "thing", Description = "A thing", Autocomplete = true }],
        };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionReply.Ephemeral("unused"));

        public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("suggestions broke");
    }
}
