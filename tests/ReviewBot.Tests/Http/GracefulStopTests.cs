using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>A stop (Ctrl+C, SIGTERM) closes the listener first and still answers the interaction already in flight.</summary>
public sealed class GracefulStopTests
{
    [Fact]
    public async Task Stop_WithAnInteractionInFlight_RefusesNewConnectionsAndStillAnswersIt()
    {
        var slow = new GatedCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(slow) };
        options.Settings["Interactions:DeferAfter"] = "00:00:02.5";
        await using var http = await HttpBot.StartAsync(options);
        var (_, token, payload) = http.Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("gated"));
        var address = HttpBot.Address(http.Bot.Services);

        var inFlight = http.SendAsync(payload);
        await slow.Started.Task.WaitAsync(BotHost.Timeout);
        var exit = http.Bot.StopAsync();
        await WaitUntilRefusedAsync(address);
        slow.Release.SetResult();

        var answer = await inFlight;
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        if (answer.Type == InteractionCallbackType.DeferredChannelMessageWithSource)
        {
            // Slower than DeferAfter on a busy machine: then the edit of @original must still go out before the exit.
            var edit = await http.Bot.WaitForOriginalEditAsync(token);
            Assert.Equal("Done despite the stop.", edit.Body!.Value.GetProperty("content").GetString());
        }
        else
        {
            Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, answer.Type);
            Assert.Equal("Done despite the stop.", answer.Json.GetProperty("data").GetProperty("content").GetString());
        }

        Assert.Equal(0, await exit);
    }

    /// <summary>Connects until the listener refuses; each attempt is a real connect, so this ends as soon as the socket is closed.</summary>
    private static async Task WaitUntilRefusedAsync(Uri address)
    {
        using var deadline = new CancellationTokenSource(BotHost.Timeout);
        while (true)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(address.Host, address.Port, deadline.Token);
            }
            catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionRefused or SocketError.ConnectionReset)
            {
                return;
            }

            await Task.Yield();
        }
    }

    private sealed class GatedCommand : ISlashCommand
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ApplicationCommandDefinition Definition { get; } = new() { Name = "gated", Description = "Waits for the test" };

        public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            Started.TrySetResult();
            await Release.Task.WaitAsync(cancellationToken);
            return InteractionReply.From(new MessageBuilder().WithContent("Done despite the stop."));
        }
    }
}
