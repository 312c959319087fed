using System.Net.Sockets;
using System.Text;
using FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using ReviewBot.Cli;
using ReviewBot.Tests.Announcements;
using ReviewBot.Tests.Cli;

namespace ReviewBot.Tests.Deploy;

/// <summary>
/// The bot as a <c>Type=notify</c> service (systemd's sd_notify(3) man page): systemd names a datagram
/// socket in NOTIFY_SOCKET and waits for <c>READY=1</c> on it before it calls the service started. The
/// bot takes itself for a systemd service when its parent process is called <c>systemd</c>, so a shell
/// started under that name stands in for the service manager here, and the test owns the socket.
/// </summary>
public sealed class SystemdTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Run_StartedBySystemd_NotifiesReadyOnceRegisteredThenStoppingAndLogsWithPriorities()
    {
        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        using var run = new ProgramRun();
        using var notify = NotifySocket.Bind(Path.Combine(run.Folder, "notify"));
        var settings = new Dictionary<string, string> { ["NOTIFY_SOCKET"] = notify.Path };

        await using var bot = BotProcess.Start(discord, $"Data Source={run.DatabasePath}", settings, SystemdLauncher(run.Folder));

        // Ready means migrated and the commands registered: systemd starts what depends on the bot only then.
        Assert.Equal("READY=1", await notify.ReceiveAsync(Wait));
        Assert.Single(discord.Requests, r => r.Method == "PUT");
        await discord.WaitForIdentifyAsync(timeout: Wait);

        // A token Discord rejects ends the process with 2, which the sample unit's RestartPreventExitStatus keeps from looping.
        await discord.CloseGatewayAsync(4004);
        Assert.Equal("STOPPING=1", await notify.ReceiveAsync(Wait));
        Assert.Equal(2, await bot.WaitForExitAsync(Wait));

        // Log lines carry the syslog priority journald reads (<6> information), not the console's "info:" headers.
        var lines = bot.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains(lines, l => l.StartsWith("<6>ReviewBot.Bot.DiscordBotService[0] ReviewBot is connecting to Discord", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.StartsWith("info:", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Discord rejected the bot token (gateway close 4004)", StringComparison.Ordinal));
        Assert.DoesNotContain(discord.Options.Token, bot.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RunHost_NotStartedBySystemd_KeepsTheConsoleLifetimeAndLogFormat()
    {
        Assert.False(SystemdHelpers.IsSystemdService(), "the test host's parent is the test runner, not systemd");

        using var host = Program.Build(Program.CreateHostBuilder(CliArguments.Parse([]), new CliConsole(TextWriter.Null, TextWriter.Null)));

        Assert.IsType<ConsoleLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        var formatter = host.Services.GetRequiredService<IOptions<ConsoleLoggerOptions>>().Value.FormatterName;
        Assert.NotEqual(ConsoleFormatterNames.Systemd, formatter);
    }

    /// <summary>/bin/sh under the name systemd (a symbolic link), running the bot as its child and passing its exit code on.</summary>
    private static string[] SystemdLauncher(string folder)
    {
        var directory = Directory.CreateDirectory(Path.Combine(folder, "launcher")).FullName;
        var systemd = Path.Combine(directory, "systemd");
        File.CreateSymbolicLink(systemd, "/bin/sh");
        // Not `exec "$@"`: the bot must stay the shell's child. The last argument before the command names $0.
        return [systemd, "-c", "\"$@\"; exit $?", "systemd"];
    }

    private sealed class NotifySocket : IDisposable
    {
        private readonly Socket _socket;

        private NotifySocket(Socket socket, string path)
        {
            _socket = socket;
            Path = path;
        }

        public string Path { get; }

        public static NotifySocket Bind(string path)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.Bind(new UnixDomainSocketEndPoint(path));
            return new NotifySocket(socket, path);
        }

        /// <summary>The next datagram: one notification, such as READY=1.</summary>
        public async Task<string> ReceiveAsync(TimeSpan timeout)
        {
            var buffer = new byte[4096];
            using var waiting = new CancellationTokenSource(timeout);
            try
            {
                var count = await _socket.ReceiveAsync(buffer, SocketFlags.None, waiting.Token);
                return Encoding.UTF8.GetString(buffer, 0, count);
            }
            catch (OperationCanceledException) when (waiting.IsCancellationRequested)
            {
                throw new TimeoutException($"The bot sent no notification to {Path} within {timeout.TotalSeconds} s.");
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
