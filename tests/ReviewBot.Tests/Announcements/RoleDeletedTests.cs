using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Import;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.TestSupport;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// A subscription's role deleted in Discord: announcements go on without it, instead of opening every
/// one with the "@deleted-role" Discord shows for a mention of a role that is gone.
/// </summary>
public sealed class RoleDeletedTests
{
    private const ulong Role = 1_330_000_000_000_000_101;

    [Fact]
    public async Task RunningBot_RoleDeletedWhileRunning_LaterAnnouncementsMentionNoRole()
    {
        var options = new BotHostOptions();
        options.Settings["Announcements:PollInterval"] = "00:00:00.100";
        await using var bot = await BotHost.StartAsync(options);
        var store = bot.Services.GetRequiredService<SubscriptionStore>();
        var (pinged, fence) = (NewChannel(), NewChannel());
        await store.AddAsync(new NewSubscription(BotHost.GuildId, pinged, ChannelKind.Text, null, Role, BotHost.UserId), CancellationToken.None);
        await store.AddAsync(new NewSubscription(BotHost.GuildId, fence, ChannelKind.Text, null, null, BotHost.UserId), CancellationToken.None);

        await bot.Discord.DispatchAsync("GUILD_ROLE_DELETE", new Dictionary<string, string>
        {
            ["guild_id"] = BotHost.GuildId.ToString(CultureInfo.InvariantCulture),
            ["role_id"] = Role.ToString(CultureInfo.InvariantCulture),
        });
        // Server events are handled one at a time in arrival order: once the channel deleted after the
        // role is gone from the database, the role's deletion has been handled too.
        await bot.Discord.DispatchAsync("CHANNEL_DELETE", new Dictionary<string, object>
        {
            ["id"] = fence.ToString(CultureInfo.InvariantCulture),
            ["guild_id"] = BotHost.GuildId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 0,
        });
        await Eventually.WaitUntilAsync(async () => (await store.GetForChannelAsync(fence, CancellationToken.None)).Count == 0, BotHost.Timeout);
        var imported = await bot.Services.GetRequiredService<IReviewImporter>().ImportAsync(
            new ReviewDocument("frieren.txt", "frieren.txt", Review("Frieren"), ReviewOrigin.File, Announce: true), CancellationToken.None);
        Assert.True(imported.Succeeded, imported.Error);
        var posted = await bot.Discord.WaitForRequestsAsync(r => r.Path == $"/channels/{pinged}/messages" && r.Status == 200, timeout: BotHost.Timeout);

        var body = Assert.Single(posted).Body!.Value;
        Assert.False(body.TryGetProperty("content", out var content) && content.GetString()!.Contains("<@&", StringComparison.Ordinal), content.ToString());
        Assert.False(body.GetProperty("allowed_mentions").TryGetProperty("roles", out _));
        Assert.Null(Assert.Single(await store.GetForChannelAsync(pinged, CancellationToken.None)).RoleId);
    }
}
