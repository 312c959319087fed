using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Logging;
using ReviewBot.Bot;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Subscriptions;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

public sealed class BotInviteTests
{
    [Fact]
    public void Required_IsViewSendSendInThreadsAndEmbedLinks()
    {
        Assert.Equal(1024UL + 2048UL + 16384UL + 274877906944UL, (ulong)BotInvite.Required);
        Assert.Equal(274877926400UL, (ulong)BotInvite.Required);
        Assert.False(BotInvite.Required.HasFlag(Permissions.MentionEveryone));
        Assert.False(BotInvite.Required.HasFlag(Permissions.Administrator));
    }

    [Theory]
    [InlineData(ChannelKind.Text)]
    [InlineData(ChannelKind.Forum)]
    public void Required_CoversEverythingAnnouncementsCheckFor(ChannelKind kind)
    {
        Assert.Empty(ChannelProbe.MissingInCurrentChannel(BotInvite.Required, kind));
    }

    [Fact]
    public async Task Start_LogsTheInviteUrlWithBothScopesAndThePermissions()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        await using var bot = await BotHost.StartAsync(new BotHostOptions
        {
            ConfigureServices = s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))),
        });

        var line = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.StartsWith("Add the bot to a server with ", StringComparison.Ordinal));

        Assert.EndsWith(
            $"https://discord.com/oauth2/authorize?client_id={bot.Discord.Options.ApplicationId}&scope=bot+applications.commands&permissions=274877926400",
            line.Message,
            StringComparison.Ordinal);
    }
}
