using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;
using ReviewBot.Benchmarks.Load.Agent;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// The parent's handle on a <see cref="BotAgent"/> child: started with the given environment, talked
/// to over stdin/stdout, its stderr (the bot's logs) kept as a tail for error messages.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly Queue<string> _logTail = new();
    private readonly Lock _tailLock = new();

    private BotProcess(Process process) => _process = process;

    /// <summary>Set once the host ended on its own (no bot verb in this build, a configuration error, a crash).</summary>
    public string? ExitedEarly { get; private set; }

    public string LogTail
    {
        get { lock (_tailLock) { return string.Join("\n", _logTail); } }
    }

    public static BotProcess Start(IReadOnlyDictionary<string, string> environment)
    {
        var self = Environment.ProcessPath ?? "dotnet";
        var viaDotnet = Path.GetFileNameWithoutExtension(self) == "dotnet";
        var start = new ProcessStartInfo(self)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (viaDotnet)
        {
            start.ArgumentList.Add(typeof(BotProcess).Assembly.Location);
        }

        start.ArgumentList.Add("load");
        start.ArgumentList.Add(LoadProgram.AgentVerb);
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot process.");
        var bot = new BotProcess(process);
        process.OutputDataReceived += (_, e) => bot.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => bot.OnLog(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return bot;
    }

    /// <summary>CPU time (user + system) the child has used so far, read from outside (no round trip).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    public DateTime StartTime => _process.StartTime;

    public int ProcessId => _process.Id;

    public Task WaitStartedAsync(TimeSpan timeout) => ExpectAsync("started", timeout);

    public async Task<AgentStats> StatsAsync(bool collectFirst = false)
    {
        await SendAsync(collectFirst ? "gc" : "stats");
        var reply = await NextReplyAsync(TimeSpan.FromSeconds(30));
        if (!reply.StartsWith("stats ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Expected stats from the bot process, got '{reply}'.");
        }

        return JsonSerializer.Deserialize<AgentStats>(reply["stats ".Length..])!;
    }

    public async Task ResetDurationsAsync()
    {
        await SendAsync("reset");
        await ExpectAsync("reset", TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                await SendAsync("stop");
                using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await _process.WaitForExitAsync(wait.Token);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or InvalidOperationException)
        {
            _process.Kill(entireProcessTree: true); // only our own child, by its handle
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task SendAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
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

    private void OnOutput(string? line)
    {
        if (line is null || !line.StartsWith(BotAgent.Prefix, StringComparison.Ordinal))
        {
            OnLog(line);
            return;
        }

        var reply = line[BotAgent.Prefix.Length..];
        if (reply.StartsWith("exited", StringComparison.Ordinal))
        {
            ExitedEarly = reply;
        }

        _replies.Writer.TryWrite(reply);
    }

    private void OnLog(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_tailLock)
        {
            _logTail.Enqueue(line);
            while (_logTail.Count > 40)
            {
                _logTail.Dequeue();
            }
        }
    }
}
