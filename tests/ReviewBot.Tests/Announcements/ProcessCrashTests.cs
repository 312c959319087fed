using FakeDiscord.Rest;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Subscriptions.Delivery;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// Nothing lost, nothing twice, at the process level: the real bot executable is killed (SIGKILL, whole process
/// tree) at several points of a fan-out and started again on the same database; FakeDiscord dedupes
/// create-message nonces under enforce_nonce as Discord does. Every kill point is reached by waiting
/// on what FakeDiscord saw, never by sleeping.
/// </summary>
public sealed class ProcessCrashTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";
    private const string CreateThread = "POST /channels/{channel_id}/threads";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task BotProcessKilledAtSeveralPointsOfAFanOut_EveryChannelHoldsEachReviewOnceInOrder()
    {
        // Each new process starts without the rate-limit state the killed one had learned, as after a real
        // crash, so the fake's limits are raised: this test is about exactly-once and order, not pacing.
        // A little latency per post keeps each kill inside the fan-out rather than after it.
        await using var harness = await StartAsync(o => (o.RouteLimit, o.GlobalLimitPerSecond) = (1_000, 10_000));
        harness.Server.InjectLatency(TimeSpan.FromMilliseconds(25), CreateMessage, times: 100_000);
        var channels = Enumerable.Range(0, 4).Select(_ => NewChannel()).ToList();
        var subscriptions = new List<Subscription>();
        foreach (var channel in channels)
        {
            subscriptions.Add(await harness.SubscribeAsync(channel));
        }

        var reviews = new List<long>();
        foreach (var show in new[] { "Frieren", "Metallic Rouge", "Dungeon Meshi", "Apothecary Diaries", "Blue Lock" })
        {
            reviews.Add(await harness.ImportAsync(show));
        }

        // Kill after N more posts Discord answered, or hold Discord's answer to the N-th post of the run
        // and kill while it is held: the message exists in the channel, the bot never heard of it.
        KillPoint[] plan = [new(2, Held: false), new(2, Held: true), new(3, Held: false), new(1, Held: true), new(4, Held: true)];
        var heldNonces = new List<string>();
        foreach (var point in plan)
        {
            var before = CreateRequests(harness);
            RecordedRequest? held = null;
            if (point.Held)
            {
                var seen = before;
                harness.Server.DelayAnswer(
                    r => r.Route == CreateMessage && Interlocked.Increment(ref seen) == before + point.Posts && (held = r) is not null,
                    TimeSpan.FromMinutes(1));
            }

            await using var bot = BotProcess.Start(harness.Server, harness.ConnectionString);
            await WaitForPostsAsync(harness, bot, before + point.Posts, answeredOnly: !point.Held);
            await bot.KillAsync();

            if (held is not null)
            {
                // Discord created it and the bot died waiting for the answer: the row must still be pending,
                // or this kill point proved nothing about the send-then-crash window.
                var nonce = held.Body!.Value.GetProperty("nonce").GetString()!;
                Assert.Equal(200, held.Status);
                var isHeld = NonceIs(nonce, reviews, subscriptions);
                Assert.Equal(1, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Pending && isHeld(r)));
                heldNonces.Add(nonce);
            }
        }

        var total = channels.Count * reviews.Count;
        Assert.True(await SentAsync(harness) < total, "the plan's kills did not interrupt the fan-out");

        // The last run also sees a review imported by another process while it runs (an operator's `import`).
        await using (var last = BotProcess.Start(harness.Server, harness.ConnectionString))
        {
            await last.WaitUntilAsync(async () => await SentAsync(harness) == total, Wait, "the restarted bot did not finish the fan-out");
            reviews.Add(await harness.ImportAsync("Oshi no Ko"));
            total += channels.Count;
            await last.WaitUntilAsync(async () => await SentAsync(harness) == total, Wait, "the running bot did not pick up the review another process imported");
            await last.KillAsync();
            Assert.DoesNotContain(harness.Server.Options.Token, last.Output, StringComparison.Ordinal);
        }

        Assert.Equal(total, harness.Server.MessageCount);
        for (var i = 0; i < channels.Count; i++)
        {
            Assert.Equal(reviews.Select(r => MessageNonce.ForAnnouncement(r, subscriptions[i].Id)), harness.MessagesIn(channels[i]));
        }

        // Each held post was sent again after the restart and Discord answered with the message it had.
        Assert.All(heldNonces, nonce => Assert.True(
            harness.Server.Requests.Count(r => r.Route == CreateMessage && r.Body?.GetProperty("nonce").GetString() == nonce) >= 2,
            $"the post with nonce {nonce} was not resent"));
        Assert.Equal(total, (await harness.AnnouncementsAsync()).Where(r => r.Status == AnnouncementStatus.Sent).Select(r => r.MessageId).OfType<ulong>().Distinct().Count());
    }

    [Fact]
    public async Task BotProcessKilledWhileForumPostsAreUnanswered_EachForumHoldsEachReviewOnceInOrder()
    {
        // Forum posts take no nonce: the bot notes each attempt and, after a restart, looks for the post
        // among the server's active threads before creating another.
        await using var harness = await StartAsync(o => (o.RouteLimit, o.GlobalLimitPerSecond) = (1_000, 10_000));
        harness.Server.InjectLatency(TimeSpan.FromMilliseconds(25), CreateThread, times: 100_000);
        var forums = Enumerable.Range(0, 2).Select(_ => NewChannel()).ToList();
        foreach (var forum in forums)
        {
            await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        }

        string[] shows = ["Frieren", "Metallic Rouge", "Dungeon Meshi"];
        foreach (var show in shows)
        {
            await harness.ImportAsync(show);
        }

        foreach (var posts in new[] { 1, 2, 1 })
        {
            var before = harness.Server.Requests.Count(r => r.Route == CreateThread);
            var seen = before;
            RecordedRequest? held = null;
            harness.Server.DelayAnswer(
                r => r.Route == CreateThread && Interlocked.Increment(ref seen) == before + posts && (held = r) is not null,
                TimeSpan.FromMinutes(1));
            // One channel at a time: the held post then blocks the whole fan-out, so the other forum
            // cannot race ahead before the kill and use up the posts later kill points wait for.
            await using var bot = BotProcess.Start(harness.Server, harness.ConnectionString, OneChannelAtATime);
            var reached = harness.Server.WaitForRequestsAsync(r => r.Route == CreateThread, before + posts, Wait);
            await reached.WaitAsync(Wait);
            await bot.KillAsync();
            Assert.Equal(200, held!.Status);
        }

        var total = forums.Count * shows.Length;
        Assert.True(await SentAsync(harness) < total, "the kills did not interrupt the fan-out");
        await using (var last = BotProcess.Start(harness.Server, harness.ConnectionString))
        {
            await last.WaitUntilAsync(async () => await SentAsync(harness) == total, Wait, "the restarted bot did not finish the forum fan-out");
            await last.KillAsync();
        }

        Assert.Equal(total, harness.Server.ThreadCount);
        foreach (var forum in forums)
        {
            var created = harness.Server.Requests
                .Where(r => r.Route == CreateThread && r.Status == 200 && r.Path == $"/channels/{forum}/threads")
                .Select(r => r.Body!.Value.GetProperty("name").GetString()!)
                .ToList();
            Assert.Equal(shows.Length, created.Count);
            Assert.All(shows.Zip(created), pair => Assert.StartsWith(pair.First, pair.Second, StringComparison.Ordinal));
        }
    }

    private static readonly Dictionary<string, string> OneChannelAtATime = new() { ["Announcements:MaxParallelChannels"] = "1" };

    private sealed record KillPoint(int Posts, bool Held);

    private static int CreateRequests(AnnouncementHarness harness) => harness.Server.Requests.Count(r => r.Route == CreateMessage);

    private static Task<int> SentAsync(AnnouncementHarness harness) =>
        harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageId is not null);

    /// <summary>Matches the one announcement whose nonce is <paramref name="nonce"/>.</summary>
    private static Func<AnnouncementRow, bool> NonceIs(string nonce, IEnumerable<long> reviews, IEnumerable<Subscription> subscriptions)
    {
        var (review, subscription) = reviews.SelectMany(r => subscriptions.Select(s => (r, s.Id))).Single(p => MessageNonce.ForAnnouncement(p.r, p.Id) == nonce);
        return r => r.ReviewId == review && r.SubscriptionId == subscription;
    }

    private static async Task WaitForPostsAsync(AnnouncementHarness harness, BotProcess bot, int count, bool answeredOnly)
    {
        var posts = harness.Server.WaitForRequestsAsync(r => r.Route == CreateMessage && (!answeredOnly || r.Status == 200), count, Wait);
        try
        {
            await posts;
        }
        catch (TimeoutException)
        {
            Assert.Fail($"the bot did not reach {count} posts (exited: {bot.HasExited}). Its output:\n{bot.Output}");
        }
    }
}
