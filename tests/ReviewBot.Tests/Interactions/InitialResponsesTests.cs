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
/// <see cref="InitialResponses"/> on its own: it turns an interaction into its first answer without
/// sending anything (what an HTTP interactions endpoint returns as its body). Time is a fake clock.
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

        var response = await responses.DecideAsync(Slash("quick"), Stopwatch.GetTimestamp(), CancellationToken.None);

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

        var deciding = responses.DecideAsync(Slash("slow"), Stopwatch.GetTimestamp(), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var response = await deciding;

        Assert.Equal(InitialResponseKind.Defer, response!.Kind);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, response.Message!.Type);
        Assert.False(response.Pending!.IsCompleted);
        release.SetResult(InteractionReply.Ephemeral("late"));
        Assert.Equal("late", (await response.Pending).Message.Content);
    }

    [Fact]
    public async Task Command_BlockingItsThread_IsStillDeferredOnTime()
    {
        // A read from a slow disk or a write waiting for the store's lock blocks the handler's thread:
        // the handler runs on another thread, so the deadline is kept while it blocks.
        using var blocked = new ManualResetEventSlim();
        using var unblock = new ManualResetEventSlim();
        var responses = Build(new Command("blocks", _ =>
        {
            blocked.Set();
            unblock.Wait(TimeSpan.FromSeconds(30), CancellationToken.None);
            return Task.FromResult(InteractionReply.Ephemeral("done"));
        }));

        var deciding = responses.DecideAsync(Slash("blocks"), Stopwatch.GetTimestamp(), CancellationToken.None);
        Assert.True(blocked.Wait(TimeSpan.FromSeconds(30), CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(2));
        var response = await deciding;

        Assert.Equal(InitialResponseKind.Defer, response!.Kind);
        unblock.Set();
        Assert.Equal("done", (await response.Pending!).Message.Content);
    }

    [Fact]
    public async Task Command_Throwing_IsAnEphemeralReplyWithAReference()
    {
        var responses = Build(new Command("broken", _ => throw new InvalidOperationException("bug")));

        var response = await responses.DecideAsync(Slash("broken"), Stopwatch.GetTimestamp(), CancellationToken.None);

        Assert.Equal(InitialResponseKind.Reply, response!.Kind);
        Assert.Equal(MessageFlags.Ephemeral, response.Message!.Data!.Flags);
        Assert.StartsWith("Something went wrong (ref ", response.Message.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_Throwing_IsCountedAsAnErrorOfThatCommand()
    {
        using var counted = new MetricCollector<long>(Meters, InteractionMetrics.MeterName, InteractionMetrics.CountInstrument);
        var responses = Build(new Command("broken", _ => throw new InvalidOperationException("bug")));

        await responses.DecideAsync(Slash("broken"), Stopwatch.GetTimestamp(), CancellationToken.None);

        var error = Assert.Single(counted.GetMeasurementSnapshot());
        Assert.Equal("error", error.Tags["outcome"]);
        Assert.Equal("broken", error.Tags["command"]);
        Assert.Equal("command", error.Tags["interaction.type"]);
    }

    [Fact]
    public async Task UnknownCommand_IsAnEphemeralReply()
    {
        var responses = Build();

        var response = await responses.DecideAsync(Slash("gone"), Stopwatch.GetTimestamp(), CancellationToken.None);

        Assert.Equal("unknown", response!.Name);
        Assert.Equal(InteractionErrors.UnknownCommand.Message, response.Message!.Data);
    }

    [Fact]
    public async Task UnknownCommand_AndExpiredComponent_SendTheBodyServedOnce_AsTheirMessageSerialises()
    {
        var responses = Build();

        var unknown = await responses.DecideAsync(Slash("gone"), Stopwatch.GetTimestamp(), CancellationToken.None);
        var again = await responses.DecideAsync(Slash("gone"), Stopwatch.GetTimestamp(), CancellationToken.None);
        var expired = await responses.DecideAsync(
            Slash("unused") with { Type = InteractionType.MessageComponent, Data = new InteractionData { CustomId = "gone:1" } }, Stopwatch.GetTimestamp(), CancellationToken.None);

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

        var response = await responses.DecideAsync(Slash("pick") with { Type = InteractionType.ApplicationCommandAutocomplete }, Stopwatch.GetTimestamp(), CancellationToken.None);

        Assert.Equal(InitialResponseKind.Autocomplete, response!.Kind);
        Assert.Equal("Metallic Rouge", Assert.Single(response.Autocomplete!.Data.Choices).Name);
        Assert.Null(response.Message);
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

    private sealed class Command(string name, Func<InteractionContext, Task<InteractionReply>> execute) : IAutocompleteCommand
    {
        public ApplicationCommandDefinition Definition { get; } = new() { Name = name, Description = "A test command" };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken) => execute(context);

        public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ApplicationCommandOptionChoice>>([ApplicationCommandOptionChoice.String("Metallic Rouge", "metallic-rouge")]);
    }
}
