using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Tests.Infrastructure;

/// <summary>A command (<c>/blocks</c>) that blocks its thread without awaiting until the test lets it go.</summary>
internal sealed class BlockingCommand : ISlashCommand
{
    private readonly ManualResetEventSlim _blocked = new();

    public ManualResetEventSlim Unblock { get; } = new();

    public bool IsBlocking => _blocked.IsSet && !Unblock.IsSet;

    public ApplicationCommandDefinition Definition { get; } = new() { Name = "blocks", Description = "Blocks its thread" };

    /// <summary>A bot with this command that defers after 50 ms, so a handler that blocks is deferred at once.</summary>
    public BotHostOptions InBot()
    {
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(this) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        return options;
    }

    public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        _blocked.Set();
        Assert.True(Unblock.Wait(BotHost.Timeout, CancellationToken.None), "the test never let the handler go");
        return Task.FromResult(InteractionReply.From(new ReviewBot.Discord.Interactions.MessageBuilder().WithContent("Done, after blocking.")));
    }
}
