using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Tests.Interactions;

/// <summary>
/// <see cref="InitialResponses"/> on its own: it turns an interaction into its first answer and hands it
/// to a target that only records it (what an HTTP interactions endpoint returns as its body). Time is a
/// fake clock, whose timers fire on the thread that moves it.
/// </summary>
public sealed class InitialResponsesTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public async Task Command_AnsweredInTime_IsAReplyWithItsMessage()
    {
        var responses = Build(new Command("quick", _ => Task.FromResult(InteractionReply.Ephemeral("hello"))));

        var response = await DecideAsync(responses, Slash("quick"));

        Assert.Equal(InitialResponseKind.Reply, response!.Kind);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, response.Message!.Type);
        Assert.Equal("hello", response.Message.Data!.Content);
        Assert.Null(response.Pending);
    }

    [Fact]
    public async Task Command_StillRunningAfterDeferAfter_IsADefer_WithTheHandlerPending()
    {
        var release = new TaskCompletionSource<InteractionReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        var responses = Build(new Command("slow", _ => release.Task));
        var target = new RecordingTarget();

        var answering = responses.AnswerAsync(Slash("slow"), Stopwatch.GetTimestamp(), target, null, CancellationToken.None);
        Assert.Empty(target.Sent);
        _time.Advance(TimeSpan.FromSeconds(2));
        await answering;

        var response = Assert.Single(target.Sent);
        Assert.Equal(InitialResponseKind.Defer, response.Kind);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, response.Message!.Type);
        Assert.False(response.Pending!.IsCompleted);
        release.SetResult(InteractionReply.Ephemeral("late"));
        Assert.Equal("late", (await response.Pending).Message.Content);
        Assert.Single(target.Sent);
    }

    [Fact]
    public async Task Command_BlockingItsThread_IsStillDeferredOnTime_ThenItsAnswerFollows()
    {
        // A read from a slow disk or a write waiting for the store's lock blocks the handler's thread,
        // which is the thread that took the interaction: the deadline's timer sends the defer meanwhile.
        using var blocked = new ManualResetEventSlim();
        using var unblock = new ManualResetEventSlim();
        var responses = Build(new Command("blocks", _ =>
        {
            blocked.Set();
            Assert.True(unblock.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
            return Task.FromResult(InteractionReply.Ephemeral("done"));
        }));
        var target = new RecordingTarget();

        var answering = Task.Run(async () => await responses.AnswerAsync(Slash("blocks"), Stopwatch.GetTimestamp(), target, null, CancellationToken.None));
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(target.Sent);
        _time.Advance(TimeSpan.FromSeconds(1));

        var response = Assert.Single(target.Sent);
        Assert.Equal(InitialResponseKind.Defer, response.Kind);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, response.Message!.Type);
        Assert.False(answering.IsCompleted); // still blocked in the handler
        Assert.False(response.Pending!.IsCompleted);
        unblock.Set();
        Assert.Equal("done", (await response.Pending.WaitAsync(TimeSpan.FromSeconds(30))).Message.Content);
        await answering.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(target.Sent);
    }

    [Fact]
    public async Task Command_BlockingItsThread_WhenTheBotStops_IsDeferredAtOnce()
    {
        using var blocked = new ManualResetEventSlim();
        using var unblock = new ManualResetEventSlim();
        using var stopping = new CancellationTokenSource();
        var responses = Build(new Command("blocks", _ =>
        {
            blocked.Set();
            Assert.True(unblock.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
            return Task.FromResult(InteractionReply.Ephemeral("done"));
        }));
        var target = new RecordingTarget();

        var answering = Task.Run(async () => await responses.AnswerAsync(Slash("blocks"), Stopwatch.GetTimestamp(), target, null, stopping.Token));
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
        await stopping.CancelAsync();

        Assert.Equal(InitialResponseKind.Defer, Assert.Single(target.Sent).Kind);
        unblock.Set();
        await answering.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(target.Sent);
    }

    [Fact]
    public async Task Command_RunsOnTheCallersThread_AndAReadyAnswerIsTheReply_BeforeTheCallReturns()
    {
        // No hand-over to the thread pool before the handler: it has run, on this thread, by the time
        // the call returns, and an answer it had at once has been sent as the reply.
        var ranOn = 0;
        var responses = Build(new Command("quick", _ =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            return Task.FromResult(InteractionReply.Ephemeral("hello"));
        }));
        var target = new RecordingTarget();

        var answering = responses.AnswerAsync(Slash("quick"), Stopwatch.GetTimestamp(), target, null, CancellationToken.None);

        Assert.Equal(Environment.CurrentManagedThreadId, ranOn);
        Assert.True(answering.IsCompletedSuccessfully);
        var response = Assert.Single(target.Sent);
        Assert.Equal(InitialResponseKind.Reply, response.Kind);
        Assert.Equal("hello", response.Message!.Data!.Content);
        Assert.Null(response.Pending);
        await answering;
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.Single(target.Sent); // the deadline, disarmed, sends nothing more
    }

    [Fact]
    public async Task Command_QueuedPastItsBudget_IsDeferredBeforeItsHandlerRuns()
    {
        // Its whole budget was spent waiting for a slot: the defer goes first, even for an answer ready at once.
        var target = new RecordingTarget();
        var seenBeforeTheHandler = -1;
        var responses = Build(new Command("quick", _ =>
        {
            seenBeforeTheHandler = target.Sent.Count;
            return Task.FromResult(InteractionReply.Ephemeral("hello"));
        }));

        await responses.AnswerAsync(Slash("quick"), Stopwatch.GetTimestamp() - Stopwatch.Frequency * 10, target, null, CancellationToken.None);

        Assert.Equal(1, seenBeforeTheHandler);
        var response = Assert.Single(target.Sent);
        Assert.Equal(InitialResponseKind.Defer, response.Kind);
        Assert.Equal("hello", (await response.Pending!).Message.Content);
    }

    [Fact]
    public async Task Command_Throwing_IsAnEphemeralReplyWithAReference()
    {
        var responses = Build(new Command("broken", _ => throw new InvalidOperationException("bug")));

        var response = await DecideAsync(responses, Slash("broken"));

        Assert.Equal(InitialResponseKind.Reply, response!.Kind);
        Assert.Equal(MessageFlags.Ephemeral, response.Message!.Data!.Flags);
        Assert.StartsWith("Something went wrong (ref ", response.Message.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_Throwing_IsCountedAsAnErrorOfThatCommand()
    {
        using var counted = new MetricCollector<long>(Meters, InteractionMetrics.MeterName, InteractionMetrics.CountInstrument);
        var responses = Build(new Command("broken", _ => throw new InvalidOperationException("bug")));

        await DecideAsync(responses, Slash("broken"));

        var error = Assert.Single(counted.GetMeasurementSnapshot());
        Assert.Equal("error", error.Tags["outcome"]);
        Assert.Equal("broken", error.Tags["command"]);
        Assert.Equal("command", error.Tags["interaction.type"]);
    }

    [Fact]
    public async Task UnknownCommand_IsAnEphemeralReply()
    {
        var responses = Build();

        var response = await DecideAsync(responses, Slash("gone"));

        Assert.Equal("unknown", response!.Name);
        Assert.Equal(InteractionErrors.UnknownCommand.Message, response.Message!.Data);
    }

    [Fact]
    public async Task UnknownCommand_AndExpiredComponent_SendTheBodyServedOnce_AsTheirMessageSerialises()
    {
        var responses = Build();

        var unknown = await DecideAsync(responses, Slash("gone"));
        var again = await DecideAsync(responses, Slash("gone"));
        var expired = await DecideAsync(
            responses, Slash("unused") with { Type = InteractionType.MessageComponent, Data = new InteractionData { CustomId = "gone:1" } });

        Assert.Same(unknown!.Body, again!.Body);
        Assert.Equal(await BytesOf(ReviewBot.Discord.Rest.InteractionCallbackBody.Create(unknown.Message!)), await BytesOf(unknown.Body!));
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, expired!.Message!.Type);
        Assert.Equal(await BytesOf(ReviewBot.Discord.Rest.InteractionCallbackBody.Create(expired.Message)), await BytesOf(expired.Body!));
    }

    private static async Task<byte[]> BytesOf(ReviewBot.Discord.Rest.InteractionCallbackBody body)
    {
        using var stream = new MemoryStream();
        await body.WriteToAsync(stream, CancellationToken.None);
        return stream.ToArray();
    }

    [Fact]
    public async Task Autocomplete_IsTheSuggestionsBody()
    {
        var responses = Build(new Command("pick", _ => Task.FromResult(InteractionReply.Ephemeral("unused"))));

        var response = await DecideAsync(responses, Slash("pick") with { Type = InteractionType.ApplicationCommandAutocomplete });

        Assert.Equal(InitialResponseKind.Autocomplete, response!.Kind);
        Assert.Equal("Metallic Rouge", Assert.Single(response.Autocomplete!.Data.Choices).Name);
        Assert.Null(response.Message);
    }

    [Fact]
    public async Task Autocomplete_BlockingItsThread_IsAnsweredWithNoSuggestionsAtTheDeadline_AndOnlyOnce()
    {
        // Suggestions have no defer: at the deadline the answer is an empty list, sent from the timer's
        // thread while the handler still blocks its own, and the list it returns later is dropped.
        using var blocked = new ManualResetEventSlim();
        using var unblock = new ManualResetEventSlim();
        var responses = Build(new BlockingSuggestions(() =>
        {
            blocked.Set();
            Assert.True(unblock.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
        }));
        var target = new RecordingTarget();
        var typing = new Interaction
        {
            Id = new Snowflake(1_200_000_000_000_000_002),
            ApplicationId = new Snowflake(1_100_000_000_000_000_001),
            Type = InteractionType.ApplicationCommandAutocomplete,
            Token = "token",
            Data = new InteractionData { Name = "suggests" },
        };

        var answering = Task.Run(async () => await responses.AnswerAsync(typing, Stopwatch.GetTimestamp(), target, null, CancellationToken.None));
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));

        var response = Assert.Single(target.Sent);
        Assert.Equal(InitialResponseKind.Autocomplete, response.Kind);
        Assert.Empty(response.Autocomplete!.Data.Choices);
        Assert.False(answering.IsCompleted); // still blocked in the handler
        unblock.Set();
        await answering.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Single(target.Sent);
    }

    /// <summary>The one initial response sent for <paramref name="interaction"/>.</summary>
    private static async Task<InitialResponse> DecideAsync(InitialResponses responses, Interaction interaction)
    {
        var target = new RecordingTarget();
        await responses.AnswerAsync(interaction, Stopwatch.GetTimestamp(), target, null, CancellationToken.None);
        return Assert.Single(target.Sent);
    }

    private InitialResponses Build(params ISlashCommand[] commands)
    {
        var errors = new InteractionErrors(new InteractionMetrics(Meters), NullLogger<InteractionErrors>.Instance);
        var timing = new DeferTiming(Options.Create(new InteractionDispatchOptions()), _time);
        return new InitialResponses(new InteractionRouter(commands, []), errors, timing, NullLogger<InitialResponses>.Instance);
    }

    private static Interaction Slash(string name) => new()
    {
        Id = new Snowflake(1_200_000_000_000_000_001),
        ApplicationId = new Snowflake(1_100_000_000_000_000_001),
        Type = InteractionType.ApplicationCommand,
        Token = "token",
        Data = new InteractionData { Name = name },
    };

    /// <summary>Keeps every initial response it is given, in order; sends nothing.</summary>
    private sealed class RecordingTarget : IInitialResponseTarget
    {
        private readonly List<InitialResponse> _sent = [];

        public IReadOnlyList<InitialResponse> Sent
        {
            get
            {
                lock (_sent)
                {
                    return [.. _sent];
                }
            }
        }

        public ValueTask SendAsync(Interaction interaction, InitialResponse response, long receivedTimestamp, object? state, CancellationToken cancellationToken)
        {
            lock (_sent)
            {
                _sent.Add(response);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class BlockingSuggestions(Action block) : IAutocompleteCommand
    {
        public ApplicationCommandDefinition Definition { get; } = new() { Name = "suggests", Description = "Suggests after blocking" };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.FromResult(InteractionReply.Ephemeral("unused"));

        public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            block();
            return Task.FromResult<IReadOnlyList<ApplicationCommandOptionChoice>>([ApplicationCommandOptionChoice.String("Too late", "too-late")]);
        }
    }

    private sealed class Command(string name, Func<InteractionContext, Task<InteractionReply>> execute) : IAutocompleteCommand
    {
        public ApplicationCommandDefinition Definition { get; } = new() { Name = name, Description = "A test command" };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) => execute(context);

        public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ApplicationCommandOptionChoice>>([ApplicationCommandOptionChoice.String("Metallic Rouge", "metallic-rouge")]);
    }
}
