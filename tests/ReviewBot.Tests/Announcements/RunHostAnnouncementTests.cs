using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Announcements;

/// <summary>The run verb's host as composed in RunVerb: a review dropped into the inbox reaches a subscribed channel through the outbox.</summary>
public sealed class RunHostAnnouncementTests
{
    [Fact]
    public async Task RunningBot_ReviewDroppedInTheInbox_IsAnnouncedInTheSubscribedChannel()
    {
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        var inbox = Path.Combine(folder, "inbox");
        try
        {
            await RunAsync(inbox);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task RunAsync(string inbox)
    {
        var options = new BotHostOptions();
        options.Settings["Reviews:InboxDirectory"] = inbox;
        options.Settings["Reviews:InboxSettleTime"] = "00:00:00";
        options.Settings["Reviews:InboxRescanInterval"] = "00:00:01";
        options.Settings["Announcements:PollInterval"] = "00:00:00.100";
        options.Fake.RouteLimit = 50;
        await using var bot = await BotHost.StartAsync(options);
        const ulong channel = 1_320_000_000_000_000_001;
        var added = await bot.Services.GetRequiredService<SubscriptionStore>().AddAsync(
            new NewSubscription(BotHost.GuildId, channel, ChannelKind.Text, null, null, BotHost.UserId), CancellationToken.None);
        Assert.Equal(SubscribeOutcome.Created, added.Outcome);

        // Written beside the inbox and moved in whole: with no settle time, a file still being written
        // could be read half-way (the settle time exists for exactly that).
        var draft = Path.Combine(Path.GetDirectoryName(inbox)!, "frieren.txt");
        await File.WriteAllTextAsync(draft, AnnouncementHarness.Review("Frieren"));
        File.Move(draft, Path.Combine(inbox, "frieren.txt"));
        var posted = await bot.Discord.WaitForRequestsAsync(r => r.Path == $"/channels/{channel}/messages" && r.Status == 200, timeout: TimeSpan.FromSeconds(10));

        var body = Assert.Single(posted).Body!.Value;
        Assert.StartsWith("rb", body.GetProperty("nonce").GetString(), StringComparison.Ordinal);
        Assert.Empty(body.GetProperty("allowed_mentions").GetProperty("parse").EnumerateArray());
        Assert.Contains("Frieren", body.GetProperty("embeds")[0].GetProperty("footer").GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Empty(bot.Discord.SchemaViolations);
    }
}
