using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewBot.Bot;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>A bot builds its show index once started, so /review and autocomplete never wait for it; a worker does not.</summary>
public sealed class ShowIndexWarmupTests
{
    [Fact]
    public async Task Run_WithTheGatewayDuty_BuildsTheShowIndexInTheBackground()
    {
        await using var bot = await BotHost.StartAsync();

        await (await WarmupOfAsync(bot)).WaitAsync(BotHost.Timeout);

        Assert.True(bot.Services.GetRequiredService<ShowTitleIndex>().IsBuilt);
        Assert.Equal("", bot.ErrorOutput);
    }

    [Fact]
    public async Task Run_WithoutTheGatewayDuty_LeavesTheIndexToTheFirstLookup()
    {
        var options = new BotHostOptions { WaitUntilConnected = false };
        options.Settings["Duties"] = "delivery, sources";
        await using var bot = await BotHost.StartAsync(options);

        await (await WarmupOfAsync(bot)).WaitAsync(BotHost.Timeout);

        Assert.False(bot.Services.GetRequiredService<ShowTitleIndex>().IsBuilt);
    }

    /// <summary>The warm-up's work, once the host has started every hosted service (the warm-up's among them).</summary>
    private static async Task<Task> WarmupOfAsync(BotHost bot)
    {
        var started = new TaskCompletionSource();
        using (bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(BotHost.Timeout);
        }

        return bot.Services.GetServices<IHostedService>().OfType<ShowIndexWarmup>().Single().ExecuteTask!;
    }
}
