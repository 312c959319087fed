using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Cli;
using ReviewBot.Http;
using ReviewBot.Tests.Cli;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>The HTTP side is off unless asked for, and a wrong setting stops the bot with a message naming it.</summary>
public sealed class HttpSettingsTests
{
    [Fact]
    public async Task WithoutHttpListen_NoSocketIsOpened()
    {
        await using var bot = await BotHost.StartAsync();

        var server = bot.Services.GetRequiredService<IServer>();

        Assert.Null(server.Features.Get<IServerAddressesFeature>());
    }

    [Theory]
    [InlineData("Discord:PublicKey", "abc", "Discord:PublicKey must be the application's public key")]
    [InlineData("Discord:PublicKey", "zz3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af466", "characters that are not hex")]
    [InlineData("Http:Listen", "https://127.0.0.1:8443", "Http:Listen \"https://127.0.0.1:8443\" is not valid")]
    [InlineData("Http:Listen", "http://example.com:8080", "names the host \"example.com\"")]
    [InlineData("Http:Listen", "8080", "Http:Listen \"8080\" is not valid")]
    [InlineData("Http:SignatureWindow", "00:00:00", "Http:SignatureWindow must be more than 0")]
    [InlineData("Http:OutboxStuckAfter", "7.00:00:01", "Http:OutboxStuckAfter must be more than 0 and at most 7.00:00:00")]
    public async Task WrongSetting_StopsTheBotWithExitCode2AndNamesIt(string key, string value, string message)
    {
        var options = new BotHostOptions { WaitUntilConnected = false };
        options.Settings["Http:Listen"] = "http://127.0.0.1:0";
        options.Settings[key] = value;
        await using var bot = await BotHost.StartAsync(options);

        Assert.Equal(ExitCodes.Usage, await bot.Exit.WaitAsync(BotHost.Timeout));
        Assert.Contains(message, bot.ErrorOutput, StringComparison.Ordinal);
    }

    /// <summary>
    /// A port another program listens on is fixed in the setting, not by starting again: exit 2 (which
    /// systemd does not restart) with one line naming Http:Listen and the address.
    /// </summary>
    [Fact]
    public async Task ListenAddressInUse_ExitsWith2NamingTheSettingAndTheAddress()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        using var run = new ProgramRun();

        // No gateway duty: nothing to connect to first, the listener is what this start is about.
        var (exitCode, _, error) = await run.RunAsync(
            "run", "--Discord:Token=test-token", "--Duties=delivery, sources", "--Reviews:ImportSamplesWhenEmpty=false", $"--Http:Listen=http://127.0.0.1:{port}");

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Equal(
            $"Configuration error: Http:Listen \"http://127.0.0.1:{port}\": 127.0.0.1:{port} is already in use by another program (or another copy of the bot); choose a free port or stop the other listener.",
            Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
    }

    /// <summary>
    /// The other two refusals of a bind, as the socket reports them (a test running as root cannot be
    /// refused a low port, and which addresses are foreign depends on the machine).
    /// </summary>
    [Theory]
    [InlineData(SocketError.AccessDenied, "http://127.0.0.1:81", "Http:Listen \"http://127.0.0.1:81\": this process may not listen on 127.0.0.1:81 (permission denied)")]
    [InlineData(SocketError.AccessDenied, "http://*:80", "may not listen on port 80 on every address (permission denied)")]
    [InlineData(SocketError.AddressNotAvailable, "http://192.0.2.7:8080", "Http:Listen \"http://192.0.2.7:8080\": 192.0.2.7 is not an address of this machine")]
    public void BindRefused_IsDescribedNamingTheSetting(SocketError error, string listen, string expected)
    {
        var bindFailure = new IOException("Failed to bind.", new SocketException((int)error));

        Assert.Contains(expected, ListenFailure.Describe(bindFailure, listen) ?? "(not described)", StringComparison.Ordinal);
    }

    [Fact]
    public void OtherFailure_IsNotDescribedAsTheSettings()
    {
        Assert.Null(ListenFailure.Describe(new SocketException((int)SocketError.ConnectionRefused), "http://127.0.0.1:8080"));
        Assert.Null(ListenFailure.Describe(new InvalidOperationException("something else"), "http://127.0.0.1:8080"));
    }

    [Fact]
    public async Task PublicKeyWithoutListener_StopsTheBotWithExitCode2()
    {
        var options = new BotHostOptions { WaitUntilConnected = false };
        options.Settings["Discord:PublicKey"] = new string('a', 64);
        await using var bot = await BotHost.StartAsync(options);

        Assert.Equal(ExitCodes.Usage, await bot.Exit.WaitAsync(BotHost.Timeout));
        Assert.Contains("Discord:PublicKey is set but Http:Listen is not", bot.ErrorOutput, StringComparison.Ordinal);
    }
}
