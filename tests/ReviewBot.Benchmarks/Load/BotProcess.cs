using System.Text.Json;
using System.Threading.Channels;
using ReviewBot.Benchmarks.Load.Agent;
using ReviewBot.TestSupport;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// The parent's handle on a <see cref="BotAgent"/> child, started by <see cref="ChildProcess"/> with
/// the given environment and talked to over stdin/stdout; its stderr (the bot's logs) is kept as a
/// tail for error messages.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private const int LogLinesKept = 40;

    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private ChildProcess _process = null!;

    private BotProcess()
    {
    }

    /// <summary>Set once the host ended on its own (no bot verb in this build, a configuration error, a crash).</summary>
    public string? ExitedEarly { get; private set; }

    public string LogTail => _process.Output;

    /// <summary>CPU time (user + system) the child has used so far, read from outside (no round trip).</summary>
    public TimeSpan CpuTime => _process.CpuTime;

    public DateTime StartTime => _process.StartTime;

    public int ProcessId => _process.ProcessId;

    public static BotProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var bot = new BotProcess();
        bot._process = ChildProcess.Start(
            typeof(BotProcess).Assembly.Location,
            ["load", LoadProgram.AgentVerb],
            environment,
            LogLinesKept,
            bot.TakeReply,
            redirectInput: true);
        return bot;
    }

    public Task WaitStartedAsync(TimeSpan timeout) => ExpectAsync("started", timeout);

    public async Task<AgentStats> StatsAsync(bool collectFirst = false)
    {
        await _process.WriteLineAsync(collectFirst ? "gc" : "stats");
        var reply = await NextReplyAsync(TimeSpan.FromSeconds(30));
        if (!reply.StartsWith("stats ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected stats from the bot process, got '{reply}'.");
        }

        return JsonSerializer.Deserialize<AgentStats>(reply["stats ".Length..])!;
    }

    /// <summary>Starts sampling which types the bot allocates (see AllocationSampler); <see cref="AllocationsAsync"/> ends it.</summary>
    public async Task StartAllocationSampleAsync()
    {
        await _process.WriteLineAsync("sample");
        await ExpectAsync("sampling", TimeSpan.FromSeconds(10));
    }

    /// <summary>The types the bot allocated most since <see cref="StartAllocationSampleAsync"/>, with their share; sampling stops.</summary>
    public async Task<List<TypeShare>> AllocationsAsync()
    {
        await _process.WriteLineAsync("allocs");
        var reply = await NextReplyAsync(TimeSpan.FromSeconds(30));
        if (!reply.StartsWith("allocs ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected allocs from the bot process, got '{reply}'.");
        }

        return JsonSerializer.Deserialize<List<TypeShare>>(reply["allocs ".Length..])!;
    }

    public async Task ResetDurationsAsync()
    {
        await _process.WriteLineAsync("reset");
        await ExpectAsync("reset", TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // Asked to stop, the agent stops the host cleanly; killed only when it does not.
                await _process.WriteLineAsync("stop");
                await _process.WaitForExitAsync(TimeSpan.FromSeconds(20));
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            // Its stdin closed, or it exited: the kill below finds it gone or ends it.
        }
        finally
        {
            await _process.DisposeAsync();
        }
    }

    private async Task ExpectAsync(string expected, TimeSpan timeout)
    {
        var reply = await NextReplyAsync(timeout);
        if (reply != expected)
        {
            throw new InvalidOperationException($"Expected '{expected}' from the bot process, got '{reply}'.");
        }
    }

    private async Task<string> NextReplyAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            var reply = await _replies.Reader.ReadAsync(cancel.Token);
            if (!reply.StartsWith("exited", StringComparison.Ordinal))
            {
                return reply;
            }
        }
    }

    /// <summary>Takes the agent's protocol lines off stdout; the rest are the bot's own output.</summary>
    private bool TakeReply(string line)
    {
        if (!line.StartsWith(BotAgent.Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var reply = line[BotAgent.Prefix.Length..];
        if (reply.StartsWith("exited", StringComparison.Ordinal))
        {
            ExitedEarly = reply;
        }

        _replies.Writer.TryWrite(reply);
        return true;
    }
}
