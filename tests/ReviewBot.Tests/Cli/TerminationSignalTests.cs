using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Cli;

/// <summary>
/// SIGTERM is how systemd, a container runtime or a shell's kill stops a program; a verb stopped that
/// way must end as Ctrl+C ends it (what it was doing cancelled, "Cancelled.", exit 1), not be killed
/// by the runtime's default with no word of what happened.
/// </summary>
public sealed class TerminationSignalTests
{
    [Fact]
    public async Task FeedsCheck_SigtermWhileWaitingForTheFeed_EndsAsCancelled()
    {
        using var run = new ProgramRun();
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}/feed.xml";
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Reviews"] = $"Data Source={run.DatabasePath}",
            ["Feeds__AllowedPrivateAddresses__0"] = "127.0.0.1",
        };

        await using var program = ChildProcess.Start(
            Path.Combine(AppContext.BaseDirectory, "ReviewBot.dll"), ["feeds", "check", url], environment, workingDirectory: run.Folder);
        // Accepted and never answered: the verb is inside its fetch when the signal comes.
        using var connection = await silent.AcceptTcpClientAsync().WaitAsync(TimeSpan.FromMinutes(1));
        using (var kill = Process.Start("kill", ["-TERM", program.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        Assert.True(await program.WaitForExitAsync(TimeSpan.FromMinutes(1)), program.Output);
        Assert.Equal(1, program.ExitCode);
        Assert.Contains("Cancelled.", program.Output.Split('\n').Select(line => line.Trim()));
        Assert.DoesNotContain("   at ", program.Output, StringComparison.Ordinal);
    }
}
