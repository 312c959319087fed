using System.Text.RegularExpressions;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

public sealed partial class SubscriptionListTests
{
    [Fact]
    public async Task Subscriptions_FullServerWithPauseReasons_IsSplitIntoPagesThatTogetherListEveryOne()
    {
        await using var harness = await StartAsync();
        var channels = new List<ulong>();
        for (var i = 0; i < SubscriptionStore.MaxPerGuild; i++)
        {
            var channel = NewChannel();
            channels.Add(channel);
            await harness.SubscribeAsync(channel, role: i % 2 == 0 ? 1_390_000_000_000_000_000UL + (ulong)i : null);
            if (i % 3 == 0)
            {
                await harness.Get<SubscriptionStore>().PauseChannelAsync(
                    channel, "the bot lacks a permission there (Discord: Missing Permissions); give it Send Messages", CancellationToken.None);
            }
        }

        var list = harness.Get<IEnumerable<ISlashCommand>>().OfType<SubscriptionsCommand>().Single();
        var pages = new List<InteractionReply>();
        for (var page = 1; page <= 4; page++)
        {
            pages.Add(await list.ExecuteAsync(
                SubscriptionCommandTests.Command("subscriptions", channels[0], SubscriptionCommandTests.ManageChannels, page: page), CancellationToken.None));
        }

        var descriptions = pages.Select(p => p.Message.Embeds![0].Description!).ToList();
        Assert.All(descriptions, d => Assert.True(d.Length <= 4096, $"description of {d.Length} characters"));
        Assert.DoesNotContain(descriptions, d => d.EndsWith('…'));
        var listed = descriptions.Distinct().SelectMany(d => ChannelMention().Matches(d).Select(m => ulong.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(channels, listed);
        Assert.True(descriptions.Distinct().Count() > 1, "fifty subscriptions with pause reasons fit one page: the test proves nothing");
        Assert.Contains("page:2", pages[0].Message.Embeds![0].Footer!.Text, StringComparison.Ordinal);
        // A page past the end shows the last page rather than nothing.
        Assert.Equal(descriptions[^2], descriptions[^1]);
        // Resume buttons belong to the paused subscriptions of the page shown.
        var buttons = pages[0].Message.Components!.SelectMany(r => r.Components!).Select(b => b.CustomId).ToList();
        Assert.NotEmpty(buttons);
        Assert.All(buttons, id => Assert.Contains($"**#{id!.Split(':')[1]}**", descriptions[0], StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\*\*#\d+\*\* <#(\d+)>")]
    private static partial Regex ChannelMention();
}
