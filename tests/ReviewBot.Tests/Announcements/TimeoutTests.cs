using ReviewBot.Core.Subscriptions;
using ReviewBot.Subscriptions.Delivery;
using ReviewBot.TestSupport;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// Timeouts are the case the nonce exists for: Discord may have created the message and only the
/// answer was lost. FakeDiscord's answer delay creates the message first and then holds the answer.
/// </summary>
public sealed class TimeoutTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";

    [Fact]
    public async Task Timeout_AfterDiscordCreatedTheMessage_TheRetryReturnsItAndTheChannelHoldsOne()
    {
        await using var harness = await StartAsync();
        harness.RequestTimeout = TimeSpan.FromMilliseconds(300);
        harness.Restart();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        var review = await harness.ImportAsync();
        harness.Server.DelayAnswer(r => r.Route == CreateMessage, TimeSpan.FromSeconds(10));

        await harness.DeliverAsync();

        var nonce = MessageNonce.ForAnnouncement(review, subscription.Id);
        Assert.Equal(2, harness.PostsIn(channel).Count(r => r.Body!.Value.GetProperty("nonce").GetString() == nonce));
        Assert.Equal(1, harness.Server.MessageCount);
        Assert.Equal(1, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageId is not null));
    }

    [Fact]
    public async Task Timeouts_BeyondTheClientsOwnRetries_WaitForABackoffRetryWithTheReasonThenPostOnce()
    {
        await using var harness = await StartAsync();
        harness.RequestTimeout = TimeSpan.FromMilliseconds(200);
        harness.Restart();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            // The REST client tries three times; every answer is lost after Discord created the message.
            harness.Server.DelayAnswer(r => r.Route == CreateMessage, TimeSpan.FromSeconds(10));
        }

        await harness.DeliverAsync();
        var reason = await ReasonAsync(harness);
        var pending = await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Pending && r.Attempts == 1);
        await DeliveryTests.DeliverUntilAsync(harness, async () => await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent) == 1);

        Assert.Equal(1, pending);
        Assert.Contains("no answer from Discord", reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.MessageCount);
        Assert.Single(harness.MessagesIn(channel));
    }

    [Fact]
    public async Task ForumPostTimeout_AfterDiscordCreatedThePost_IsFoundOnTheNextPassInsteadOfPostedAgain()
    {
        // No nonce for forum posts: the client must not resend, and the worker's retry looks first.
        await using var harness = await StartAsync();
        harness.RequestTimeout = TimeSpan.FromMilliseconds(300);
        harness.Restart();
        var forum = NewChannel();
        await harness.SubscribeAsync(forum, kind: Core.Subscriptions.ChannelKind.Forum);
        await harness.ImportAsync();
        harness.Server.DelayAnswer(r => r.Route == "POST /channels/{channel_id}/threads", TimeSpan.FromSeconds(10));

        await harness.DeliverAsync();
        var reason = await ReasonAsync(harness);
        await DeliveryTests.DeliverUntilAsync(harness, async () => await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageId is not null) == 1);

        Assert.Contains("no answer from Discord", reason, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.ThreadCount);
        Assert.Single(harness.Server.Requests, r => r.Route == "POST /channels/{channel_id}/threads");
    }

    [Fact]
    public async Task ForumPost_AnsweredWithAServerErrorAfterDiscordCreatedIt_IsFoundOnTheNextPassInsteadOfPostedAgain()
    {
        // A 502 or 504 comes from the proxy in front of the API, which may have created the post all the same.
        await using var harness = await ForumPostWithItsAnswerLostAsync();

        await DeliverAndExpectOnePostAsync(harness);
        await harness.DeliverAsync();

        // The post found shows the review as stored: nothing to edit.
        Assert.DoesNotContain(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}");
    }

    /// <summary>
    /// A post whose answer was lost and which the forum archived before the bot tried again (a bot down
    /// longer than the post's auto-archive duration) is no longer among the active threads: it is found
    /// among the forum's archived ones instead of being posted a second time.
    /// </summary>
    [Fact]
    public async Task ForumPost_LostAnswerAndArchivedBeforeTheNextPass_IsFoundAmongTheArchivedInsteadOfPostedAgain()
    {
        await using var harness = await ForumPostWithItsAnswerLostAsync();

        await harness.DeliverAsync();
        Assert.Single(harness.Server.Requests, r => r.Route == "POST /channels/{channel_id}/threads");
        harness.Server.ArchiveThreads();
        await DeliverAndExpectOnePostAsync(harness);

        Assert.Contains(harness.Server.Requests, r => r.Route == "GET /channels/{channel_id}/threads/archived/public" && r.Status == 200);
    }

    /// <summary>
    /// A post whose answer was lost is found by the title it was posted with: a headline corrected
    /// before the next attempt (the post is then edited, not posted again) must not hide it.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ForumPost_LostAnswerThenTheHeadlineWasCorrected_IsFoundAndEditedInsteadOfPostedAgain(bool postgreSql)
    {
        await using var database = postgreSql ? await (await PostgresCluster.GetAsync()).CreateScratchDatabaseAsync() : null;
        await using var harness = await ForumPostWithItsAnswerLostAsync(database?.ConnectionString);
        await harness.DeliverAsync();
        Assert.Single(harness.Server.Requests, r => r.Route == "POST /channels/{channel_id}/threads");

        await harness.ImportAsync(text: Review().Replace("A sci-fi anime that loses its way", "A sci-fi anime that finds its way", StringComparison.Ordinal));
        await DeliverAndExpectOnePostAsync(harness);
        await harness.DeliverAsync();

        var edit = Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}" && r.Status == 200);
        Assert.Contains("finds its way", edit.Body!.Value.GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await harness.CountAnnouncementsAsync(r => r.NeedsEdit));
    }

    /// <summary>A forum subscribed and a review imported; Discord will create the post and answer 504.</summary>
    private static async Task<AnnouncementHarness> ForumPostWithItsAnswerLostAsync(string? connectionString = null)
    {
        var harness = await StartAsync(connectionString: connectionString);
        try
        {
            await harness.SubscribeAsync(NewChannel(), kind: Core.Subscriptions.ChannelKind.Forum);
            await harness.ImportAsync();
            harness.Server.AnswerWithServerErrorAfterActing(r => r.Route == "POST /channels/{channel_id}/threads");
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Delivers until the announcement is recorded as sent; the forum then holds one post, created by one request.</summary>
    private static async Task DeliverAndExpectOnePostAsync(AnnouncementHarness harness)
    {
        await DeliveryTests.DeliverUntilAsync(harness, async () => await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageId is not null) == 1);

        Assert.Equal(1, harness.Server.ThreadCount);
        Assert.Single(harness.Server.Requests, r => r.Route == "POST /channels/{channel_id}/threads");
    }

    private static async Task<string> ReasonAsync(AnnouncementHarness harness)
    {
        var rows = await harness.AnnouncementsAsync();
        return rows.Count > 0 ? rows[0].Reason ?? "" : "";
    }
}
