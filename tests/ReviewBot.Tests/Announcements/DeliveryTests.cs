using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Models;
using ReviewBot.Subscriptions.Delivery;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

public sealed class DeliveryTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";

    [Fact]
    public async Task Deliver_SeveralReviewsToSeveralChannels_EachChannelGetsEachReviewOnceInPublicationOrder()
    {
        await using var harness = await StartAsync();
        var (a, b) = (NewChannel(), NewChannel());
        var subA = await harness.SubscribeAsync(a);
        var subB = await harness.SubscribeAsync(b);
        var reviews = new List<long>();
        foreach (var show in new[] { "Frieren", "Metallic Rouge", "Dungeon Meshi" })
        {
            reviews.Add(await harness.ImportAsync(show));
        }

        await harness.DeliverAsync();

        Assert.Equal(reviews.Select(r => MessageNonce.ForAnnouncement(r, subA.Id)), harness.MessagesIn(a));
        Assert.Equal(reviews.Select(r => MessageNonce.ForAnnouncement(r, subB.Id)), harness.MessagesIn(b));
        Assert.Equal(6, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageId is not null));
        Assert.All(harness.PostsIn(a), r => Assert.True(r.Body!.Value.GetProperty("enforce_nonce").GetBoolean()));
    }

    [Fact]
    public async Task Deliver_RoleSubscription_MentionsExactlyThatRoleAndOthersPingNobody()
    {
        await using var harness = await StartAsync();
        var (withRole, without) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(withRole, role: 1_320_000_000_000_000_009);
        await harness.SubscribeAsync(without);
        await harness.ImportAsync();

        await harness.DeliverAsync();

        var pinged = harness.PostsIn(withRole).Single().Body!.Value;
        Assert.Equal("""{"parse":[],"roles":["1320000000000000009"]}""", pinged.GetProperty("allowed_mentions").GetRawText());
        Assert.StartsWith("<@&1320000000000000009>", pinged.GetProperty("content").GetString(), StringComparison.Ordinal);
        var quiet = harness.PostsIn(without).Single().Body!.Value;
        Assert.Equal("""{"parse":[]}""", quiet.GetProperty("allowed_mentions").GetRawText());
        Assert.False(quiet.TryGetProperty("content", out _));
    }

    [Fact]
    public async Task Deliver_ReviewTextWithMarkdown_IsShownAsTextNotFormatted()
    {
        // A feed item's title and body reach every subscribed channel: a masked link in them must stay
        // visible as the text it is, as /review shows it.
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        var text = Review("Evil *Show*").Replace(
            "Bones Studios may not get much spotlight nowadays",
            "[Claim your prize](https://phish.example/login) ||now|| Bones Studios may not get much spotlight nowadays",
            StringComparison.Ordinal);
        await harness.ImportAsync("Evil *Show*", text: text);

        await harness.DeliverAsync();

        var embed = harness.PostsIn(channel).Single(r => r.Body!.Value.TryGetProperty("embeds", out _)).Body!.Value.GetProperty("embeds")[0];
        Assert.StartsWith(@"Evil \*Show\* Season 1 Review", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        var description = embed.GetProperty("description").GetString();
        Assert.StartsWith(@"\[Claim your prize\]\(https://phish.example/login\) \|\|now\|\| Bones Studios", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_ShowTitleFullOfMentions_PingsOnlyTheSubscriptionsRoleInPostsForumPostsAndEdits()
    {
        // Show titles come from imports and feeds: whatever mentions they hold, a post, a forum post and
        // the edit of either may ping the subscription's role and nobody else, and show the rest as text.
        await using var harness = await StartAsync();
        const ulong Role = 1_320_000_000_000_000_077;
        var (text, forum, quiet) = (NewChannel(), NewChannel(), NewChannel());
        await harness.SubscribeAsync(text, role: Role);
        await harness.SubscribeAsync(forum, role: Role, kind: ChannelKind.Forum);
        await harness.SubscribeAsync(quiet);
        const string Show = "@everyone @here <@&1320000000000000099> <@1320000000000000098> <#1320000000000000097>";
        await harness.ImportAsync(Show);
        await harness.DeliverAsync();
        await harness.ImportAsync(Show, text: ReviewWithVerdict("8/10", Show));
        await harness.DeliverAsync();

        var sent = harness.Server.Requests.Where(r => r.Status == 200 && r.Route is CreateMessage or "POST /channels/{channel_id}/threads" or "PATCH /channels/{channel_id}/messages/{message_id}").ToList();
        Assert.Equal(6, sent.Count);
        foreach (var request in sent)
        {
            var body = request.Body!.Value;
            var message = body.TryGetProperty("message", out var starter) ? starter : body;
            var pinged = !request.Path.StartsWith($"/channels/{quiet}/", StringComparison.Ordinal);
            Assert.Equal(pinged ? """{"parse":[],"roles":["1320000000000000077"]}""" : """{"parse":[]}""", message.GetProperty("allowed_mentions").GetRawText());
            if (pinged)
            {
                var content = message.GetProperty("content").GetString()!;
                Assert.StartsWith("<@&1320000000000000077> New review: @everyone @here \\<@&1320000000000000099> \\<@1320000000000000098> \\<#1320000000000000097>", content, StringComparison.Ordinal);
            }
        }

        var name = harness.Server.Requests.Single(r => r.Route == "POST /channels/{channel_id}/threads").Body!.Value.GetProperty("name").GetString()!;
        Assert.InRange(name.Length, 1, 100);
    }

    [Fact]
    public async Task Deliver_Announcement_HasAShortEmbedAndAReadTheFullReviewLink()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync(sourceUrl: new Uri("https://reviews.example/metallic-rouge-s1"));

        await harness.DeliverAsync();

        var body = harness.PostsIn(channel).Single().Body!.Value;
        var embed = body.GetProperty("embeds")[0];
        Assert.StartsWith("Metallic Rouge Season 1 Review", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://reviews.example/metallic-rouge-s1", embed.GetProperty("url").GetString());
        Assert.True(embed.GetProperty("description").GetString()!.Length <= AnnouncementRenderer.SummaryLength);
        var button = body.GetProperty("components")[0].GetProperty("components")[0];
        Assert.Equal("Read the full review", button.GetProperty("label").GetString());
        Assert.Equal((int)ButtonStyle.Link, button.GetProperty("style").GetInt32());
        Assert.Equal("https://reviews.example/metallic-rouge-s1", button.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Deliver_ForumSubscription_CreatesOnePostPerReviewTitledWithTheReview()
    {
        await using var harness = await StartAsync();
        var forum = NewChannel();
        await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        await harness.ImportAsync();
        await harness.ImportAsync("Frieren");

        await harness.DeliverAsync();

        var posts = harness.Server.Requests.Where(r => r.Route == "POST /channels/{channel_id}/threads" && r.Path == $"/channels/{forum}/threads").ToList();
        Assert.Equal(2, posts.Count);
        Assert.StartsWith("Metallic Rouge Season 1 Review", posts[0].Body!.Value.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Frieren Season 1 Review", posts[1].Body!.Value.GetProperty("name").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent && r.MessageChannelId is { } posted && posted != r.ChannelId));
    }

    /// <summary>
    /// A waiting announcement (its channel paused) whose review's publication date is corrected takes
    /// the place the corrected date gives it: a channel gets its reviews in publication order.
    /// </summary>
    [Fact]
    public async Task Deliver_PublicationDateCorrectedWhileWaiting_PostsInTheCorrectedOrder()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);
        var soon = DateTimeOffset.UtcNow.AddHours(1);
        var first = await ImportMarkdownAsync(harness, "Frieren", soon);
        var second = await ImportMarkdownAsync(harness, "Dungeon Meshi", soon.AddHours(1));

        await ImportMarkdownAsync(harness, "Frieren", soon.AddHours(2));
        await harness.Get<SubscriptionStore>().ResumeChannelAsync(channel, CancellationToken.None);
        await harness.DeliverAsync();

        Assert.Equal([MessageNonce.ForAnnouncement(second, subscription.Id), MessageNonce.ForAnnouncement(first, subscription.Id)], harness.MessagesIn(channel));
    }

    private static async Task<long> ImportMarkdownAsync(AnnouncementHarness harness, string show, DateTimeOffset published)
    {
        var text = $"""
            ---
            show: {show}
            season: 1
            verdict: 8/10
            published: {published.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)}
            ---
            ## Episode Guide
            - Episode 1: Start – 4/5
            ## Review
            A calm and careful season.
            """;
        var result = await harness.Get<ReviewBot.Core.Import.IReviewImporter>().ImportAsync(
            new ReviewBot.Core.Import.ReviewDocument($"{show}.md", $"{show}.md", text, ReviewBot.Core.Import.ReviewOrigin.File, Announce: true), CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.ReviewId!.Value;
    }

    [Fact]
    public async Task Deliver_MissingPermissions_PausesTheChannelTellsTheServerOnceAndSendsNothingMore()
    {
        await using var harness = await StartAsync();
        var (channel, system) = (NewChannel(), NewChannel());
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        await harness.ImportAsync("Frieren");
        // Refused with and then without the chart: the channel lacks Send Messages, not only Attach Files.
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);

        await harness.DeliverAsync();
        await harness.DeliverAsync();
        await harness.ImportAsync("Dungeon Meshi");
        await harness.DeliverAsync();

        var toChannel = harness.Server.Requests.Count(r => r.Path == $"/channels/{channel}/messages");
        Assert.Equal(2, toChannel);
        var notice = Assert.Single(harness.PostsIn(system)).Body!.Value;
        Assert.Contains($"<#{channel}>", notice.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Contains("Send Messages", notice.GetProperty("content").GetString(), StringComparison.Ordinal);
        var subscription = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single();
        Assert.True(subscription.Subscription.IsPaused);
        Assert.Contains("Missing Permissions", subscription.Subscription.PauseReason, StringComparison.Ordinal);
        Assert.Equal(3, subscription.PendingCount); // the review published during the pause waits too
    }

    /// <summary>
    /// A deliverer that runs no gateway (Duties split between processes) never hears a GUILD_CREATE, so
    /// it asks Discord where the server's system channel is rather than waiting for one that never comes.
    /// </summary>
    [Fact]
    public async Task Deliver_MissingAccessInAProcessWithoutTheGateway_TellsTheServerWhereDiscordSays()
    {
        var system = NewChannel();
        await using var harness = await StartAsync(o => o.GuildSystemChannels[Guild] = system);
        var (channel, other) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        await harness.SubscribeAsync(other);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50001, "Missing Access", CreateMessage);

        await harness.DeliverAsync();
        harness.Server.InjectError(404, 10003, "Unknown Channel", CreateMessage);
        await harness.ImportAsync("Frieren");
        await harness.DeliverAsync();

        var notices = harness.PostsIn(system).Select(p => p.Body!.Value.GetProperty("content").GetString()!).ToList();
        // One channel refused the first review, the other the second: each pause is told, and the server asked about once.
        Assert.Equal(2, notices.Count);
        Assert.Contains(notices, n => n.Contains($"<#{channel}>", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains($"<#{other}>", StringComparison.Ordinal));
        Assert.Single(harness.Server.Requests, r => r.Route == "GET /guilds/{guild_id}");
    }

    /// <summary>
    /// Two processes tell a server about the same pause at once (the deliverer when Discord refuses, the
    /// gateway's process on GUILD_CREATE): the server reads it once. The first one's notice is held on
    /// its way to Discord while the second looks.
    /// </summary>
    [Fact]
    public async Task PauseNotice_TwoProcessesAtOnce_IsPostedOnce()
    {
        await using var harness = await StartAsync();
        var (channel, system) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);
        var first = harness.Get<PauseNotifier>();
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        harness.Restart();
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        var notices = harness.Server.HoldAnswers(r => r.Path == $"/channels/{system}/messages");

        var telling = first.NotifyAsync(Guild, CancellationToken.None);
        await Task.WhenAny(telling, harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{system}/messages"));
        var tellingToo = harness.Get<PauseNotifier>().NotifyAsync(Guild, CancellationToken.None);
        await Task.WhenAny(tellingToo, harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{system}/messages", count: 2));
        notices.Open();
        await Task.WhenAll(telling, tellingToo);

        // Distinct nonces are distinct messages (a resend of one create carries its nonce again).
        Assert.Single(harness.PostsIn(system).Select(p => p.Body!.Value.GetProperty("nonce").GetString()).Distinct());
    }

    [Fact]
    public async Task Deliver_UnknownChannel_PausesAndTellsTheServerWhenGuildCreateBringsItsSystemChannel()
    {
        await using var harness = await StartAsync();
        var (channel, system) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.InjectError(404, 10003, "Unknown Channel", CreateMessage);

        await harness.DeliverAsync();
        var handler = harness.Get<IEnumerable<IGatewayEventHandler<GuildCreateEvent>>>().Single();
        var guild = new GuildCreateData(new Snowflake(Guild), null, new Snowflake(system), [new GuildChannelId(new Snowflake(channel)), new GuildChannelId(new Snowflake(system))]);
        await handler.HandleAsync(new GuildCreateEvent(0, guild), CancellationToken.None);
        await handler.HandleAsync(new GuildCreateEvent(0, guild), CancellationToken.None);

        var subscription = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().Subscription;
        Assert.True(subscription.IsPaused);
        Assert.Contains("no longer exists", subscription.PauseReason, StringComparison.Ordinal);
        Assert.Single(harness.PostsIn(system));
    }

    /// <summary>
    /// A rejected bot token (a token reset in the developer portal) is the bot's problem, not any
    /// announcement's: each waits for its retry, as after an outage, instead of every queued one being
    /// marked failed for good in a single pass.
    /// </summary>
    [Fact]
    public async Task Deliver_BotTokenRejected_AnnouncementsWaitInsteadOfFailing()
    {
        await using var harness = await StartAsync();
        var (first, second) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(first);
        await harness.SubscribeAsync(second);
        await harness.ImportAsync();
        await harness.ImportAsync("Frieren");
        harness.Server.InjectError(401, 0, "401: Unauthorized", CreateMessage);

        await harness.DeliverAsync();

        // A lane already on its way when the 401 came may have posted; nothing else is sent after it.
        var rows = await harness.AnnouncementsAsync();
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, r => r.Status == AnnouncementStatus.Failed);
        Assert.Contains(rows, r => r.Status == AnnouncementStatus.Pending && r.Reason?.Contains("bot token", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Deliver_ServerErrors_AreRetriedWithBackoffThenSucceedInOrder()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        var first = await harness.ImportAsync();
        var second = await harness.ImportAsync("Frieren");
        // The REST client tries 3 times per call; 4 errors make the worker schedule its own retry.
        harness.Server.InjectServerError(500, CreateMessage, times: 4);

        await harness.DeliverAsync();
        var afterFirstPass = harness.MessagesIn(channel).Count;
        var waiting = await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Pending && r.Attempts == 1 && r.Reason?.StartsWith("Discord answered 500", StringComparison.Ordinal) == true);
        await DeliverUntilAsync(harness, async () => await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent) == 2);

        Assert.Equal(0, afterFirstPass);
        Assert.Equal(1, waiting);
        Assert.Equal([MessageNonce.ForAnnouncement(first, subscription.Id), MessageNonce.ForAnnouncement(second, subscription.Id)], harness.MessagesIn(channel));
    }

    [Fact]
    public async Task Deliver_AChannelWaitingForARetryWithMoreThanABatchBehindIt_DoesNotHoldBackOtherChannels()
    {
        await using var harness = await StartAsync();
        harness.Backoff = new DeliveryBackoff { FirstDelay = TimeSpan.FromHours(1), MaxDelay = TimeSpan.FromHours(1) };
        harness.Restart();
        harness.Get<IOptions<AnnouncementOptions>>().Value.BatchSize = 2;
        var (waiting, other) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(waiting);
        var subscription = await harness.SubscribeAsync(other);
        var reviews = new List<long>();
        foreach (var show in new[] { "Frieren", "Metallic Rouge", "Dungeon Meshi" })
        {
            reviews.Add(await harness.ImportAsync(show));
        }

        // The waiting channel sorts first; its head fails all of the REST client's tries and waits an hour.
        harness.Server.InjectServerError(500, CreateMessage, times: 3);
        await harness.DeliverAsync();
        await harness.DeliverAsync();

        Assert.Empty(harness.MessagesIn(waiting));
        Assert.Equal(reviews.Select(r => MessageNonce.ForAnnouncement(r, subscription.Id)), harness.MessagesIn(other));
    }

    [Fact]
    public async Task Deliver_RateLimitedInTheMiddleOfAChannelsQueue_TheLaterReviewsDoNotOvertakeIt()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        var reviews = new List<long>();
        foreach (var show in new[] { "Frieren", "Metallic Rouge", "Dungeon Meshi" })
        {
            reviews.Add(await harness.ImportAsync(show));
        }

        var first = MessageNonce.ForAnnouncement(reviews[0], subscription.Id);
        var gate = harness.Server.HoldAnswers(r => r.Route == CreateMessage && r.BodyText?.Contains(first, StringComparison.Ordinal) == true);
        var pass = harness.Get<AnnouncementDeliveryService>().RunPassAsync(CancellationToken.None);
        await harness.Server.WaitForRequestsAsync(r => r.Route == CreateMessage);

        // More 429s than the client waits out for one call: the second review goes back to the outbox for a retry.
        harness.Server.InjectRateLimit(FakeDiscord.Rest.RateLimitScope.User, TimeSpan.FromMilliseconds(30), CreateMessage, times: 12);
        gate.Open();
        await pass;
        await DeliverUntilAsync(harness, async () => await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent) == 3);

        Assert.Equal(reviews.Select(r => MessageNonce.ForAnnouncement(r, subscription.Id)), harness.MessagesIn(channel));
    }

    [Fact]
    public async Task VerdictChange_AfterAModeratorDeletedTheMessage_RecordsTheEditAsGoneOnceAndTheChannelKeepsGettingReviews()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        await harness.DeliverAsync();

        harness.Server.InjectError(404, 10008, "Unknown Message", "PATCH /channels/{channel_id}/messages/{message_id}", times: 100);
        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        await harness.DeliverAsync();
        await harness.ImportAsync("Frieren");
        await harness.DeliverAsync();

        var subscription = Assert.Single(await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Subscription;
        Assert.False(subscription.IsPaused, subscription.PauseReason);
        Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}");
        Assert.Equal(2, harness.PostsIn(channel).Count);
        Assert.Equal(0, await harness.CountAnnouncementsAsync(r => r.NeedsEdit));
    }

    [Fact]
    public async Task Deliver_ServerErrorsBeyondTheRetryWindow_MarkFailedWithReasonAndTheChannelMovesOn()
    {
        await using var harness = await StartAsync();
        harness.Backoff = new DeliveryBackoff { GiveUpAfter = TimeSpan.Zero };
        harness.Restart();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        var second = await harness.ImportAsync("Frieren");
        harness.Server.InjectServerError(502, CreateMessage, times: 3);

        await harness.DeliverAsync();

        Assert.Equal(1, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Failed && r.Reason?.StartsWith("failed: Discord answered 502", StringComparison.Ordinal) == true));
        Assert.Equal([MessageNonce.ForAnnouncement(second, subscription.Id)], harness.MessagesIn(channel));
        Assert.Equal(1, (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().FailedCount);
    }

    [Fact]
    public async Task VerdictChange_AfterPosting_EditsTheMessageInPlaceAndPostsNothingNew()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        await harness.DeliverAsync();
        var messageId = Assert.Single(await harness.AnnouncementsAsync()).MessageId;

        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        await harness.DeliverAsync();
        await harness.ImportAsync(text: ReviewWithVerdict("8/10").Replace("Bones Studios", "Studio Bones", StringComparison.Ordinal));
        await harness.DeliverAsync();

        Assert.Single(harness.PostsIn(channel));
        var edit = Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}");
        Assert.Equal($"/channels/{channel}/messages/{messageId}", edit.Path);
        Assert.Contains("8/10", edit.BodyText, StringComparison.Ordinal);
        Assert.Equal(0, await harness.CountAnnouncementsAsync(r => r.NeedsEdit));
    }

    [Fact]
    public async Task VerdictChange_WhileTheAnnouncementIsOnItsWay_IsEditedIntoThePostedMessage()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.DelayAnswer(r => r.Route == CreateMessage, TimeSpan.FromMilliseconds(500));

        var pass = harness.Get<AnnouncementDeliveryService>().RunPassAsync(CancellationToken.None);
        await harness.Server.WaitForRequestsAsync(r => r.Route == CreateMessage);
        await harness.ImportAsync(text: ReviewWithVerdict("9/10"));
        await pass;
        await harness.DeliverAsync();

        Assert.Single(harness.PostsIn(channel));
        var edit = Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}");
        var fields = edit.Body!.Value.GetProperty("embeds")[0].GetProperty("fields").EnumerateArray();
        Assert.Equal("9/10", fields.Single(f => f.GetProperty("name").GetString() == "Verdict").GetProperty("value").GetString());
    }

    [Fact]
    public async Task VerdictChange_WhileThePreviousEditIsOnItsWay_IsEditedInToo()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        await harness.DeliverAsync();
        const string Edit = "PATCH /channels/{channel_id}/messages/{message_id}";
        harness.Server.DelayAnswer(r => r.Route == Edit, TimeSpan.FromMilliseconds(500));

        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        var pass = harness.Get<AnnouncementDeliveryService>().RunPassAsync(CancellationToken.None);
        await harness.Server.WaitForRequestsAsync(r => r.Route == Edit);
        await harness.ImportAsync(text: ReviewWithVerdict("9/10"));
        await pass;
        await harness.DeliverAsync();

        var fields = harness.Server.Requests.Last(r => r.Route == Edit).Body!.Value.GetProperty("embeds")[0].GetProperty("fields").EnumerateArray();
        Assert.Equal("9/10", fields.Single(f => f.GetProperty("name").GetString() == "Verdict").GetProperty("value").GetString());
        Assert.Equal(0, await harness.CountAnnouncementsAsync(r => r.NeedsEdit));
    }

    [Fact]
    public async Task VerdictChange_AfterItsForumPostWasDeleted_RecordsTheEditAsGoneAndTheForumKeepsGettingReviews()
    {
        await using var harness = await StartAsync();
        var forum = NewChannel();
        await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        await harness.ImportAsync();
        await harness.DeliverAsync();

        // A moderator deleted the post: the thread is gone, so Discord answers the edit with Unknown Channel, not Unknown Message.
        harness.Server.InjectError(404, 10003, "Unknown Channel", "PATCH /channels/{channel_id}/messages/{message_id}");
        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        await harness.DeliverAsync();
        await harness.ImportAsync("Frieren");
        await harness.DeliverAsync();

        var subscription = Assert.Single(await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Subscription;
        Assert.False(subscription.IsPaused, subscription.PauseReason);
        Assert.Equal(2, harness.Server.Requests.Count(r => r.Route == "POST /channels/{channel_id}/threads" && r.Status == 200 && r.Path == $"/channels/{forum}/threads"));
        Assert.Equal(0, await harness.CountAnnouncementsAsync(r => r.NeedsEdit));
    }

    [Fact]
    public async Task VerdictChange_AfterItsForumPostWasArchived_ReopensThePostAndEditsItInPlace()
    {
        // A forum post nobody wrote in is archived after its auto-archive duration (an hour at the
        // least), and Discord edits no message in an archived thread (50083): a verdict corrected a day
        // later must still reach the post.
        await using var harness = await StartAsync();
        var forum = NewChannel();
        await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        await harness.ImportAsync();
        await harness.DeliverAsync();
        var posted = Assert.Single(await harness.AnnouncementsAsync());
        harness.Server.ArchiveThreads();

        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        await harness.DeliverAsync();

        var edit = Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}/messages/{message_id}" && r.Status == 200);
        Assert.Equal($"/channels/{posted.MessageChannelId}/messages/{posted.MessageId}", edit.Path);
        var fields = edit.Body!.Value.GetProperty("embeds")[0].GetProperty("fields").EnumerateArray();
        Assert.Equal("8/10", fields.Single(f => f.GetProperty("name").GetString() == "Verdict").GetProperty("value").GetString());
        var announcement = Assert.Single(await harness.AnnouncementsAsync());
        Assert.False(announcement.NeedsEdit);
        Assert.Null(announcement.Reason);
        Assert.Equal(1, harness.Server.Requests.Count(r => r.Route == "POST /channels/{channel_id}/threads"));
    }

    [Fact]
    public async Task VerdictChange_AfterItsForumPostWasArchivedAndLocked_FailsThatEditWithTheReasonAndTheForumStaysActive()
    {
        await using var harness = await StartAsync();
        var forum = NewChannel();
        await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        await harness.ImportAsync();
        await harness.DeliverAsync();
        harness.Server.ArchiveThreads();

        // A moderator locked the post too: reopening it takes Manage Threads.
        harness.Server.InjectError(403, 50013, "Missing Permissions", "PATCH /channels/{channel_id}");
        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        await harness.DeliverAsync();
        await harness.ImportAsync("Frieren");
        await harness.DeliverAsync();

        var subscription = Assert.Single(await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Subscription;
        Assert.False(subscription.IsPaused, subscription.PauseReason);
        Assert.Equal(2, harness.Server.Requests.Count(r => r.Route == "POST /channels/{channel_id}/threads" && r.Status == 200));
        var edited = Assert.Single(await harness.AnnouncementsAsync(), a => a.Reason is not null);
        Assert.False(edited.NeedsEdit);
        Assert.Contains("archived", edited.Reason, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests, r => r.Route == "PATCH /channels/{channel_id}");
    }

    [Fact]
    public async Task Unsubscribe_WhileItsChannelsQueueIsBeingPosted_StopsThePostingThere()
    {
        // Two posts a second in a channel: eight announcements take a few seconds to post.
        await using var harness = await StartAsync(o => { o.RouteLimit = 2; o.RouteResetAfter = TimeSpan.FromSeconds(1); });
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        for (var season = 1; season <= 8; season++)
        {
            await harness.ImportAsync(season: season);
        }

        var pass = harness.Get<AnnouncementDeliveryService>().RunPassAsync(CancellationToken.None);
        await harness.Server.WaitForRequestsAsync(r => r.Route == CreateMessage && r.Status == 200);
        await harness.Get<SubscriptionStore>().RemoveAsync(Guild, channel, null, allShows: true, "unsubscribed", CancellationToken.None);
        await pass;

        Assert.InRange(harness.PostsIn(channel).Count, 1, 4);
        Assert.Equal(harness.PostsIn(channel).Count, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Sent));
    }

    [Fact]
    public async Task ChannelDelete_RemovesItsSubscriptionsAndCancelsWhatWaited()
    {
        await using var harness = await StartAsync();
        var (deleted, kept) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(deleted);
        await harness.SubscribeAsync(kept);
        await harness.ImportAsync();
        var handler = harness.Get<IEnumerable<IGatewayEventHandler<ChannelDeleteEvent>>>().Single();

        await handler.HandleAsync(new ChannelDeleteEvent(0, new ChannelDeleteData(new Snowflake(deleted), new Snowflake(Guild), 0)), CancellationToken.None);
        await harness.DeliverAsync();

        Assert.DoesNotContain(harness.Server.Requests, r => r.Path.StartsWith($"/channels/{deleted}/", StringComparison.Ordinal));
        Assert.Single(harness.PostsIn(kept));
        Assert.Equal(1, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Cancelled && r.Reason == "the channel was deleted"));
    }

    /// <summary>A role deleted while the bot was offline: the next GUILD_CREATE lists the roles that exist.</summary>
    [Fact]
    public async Task GuildCreate_WithoutASubscriptionsRole_AnnouncesWithoutMentioningIt()
    {
        await using var harness = await StartAsync();
        var (deletedRole, keptRole) = (1_330_000_000_000_000_201UL, 1_330_000_000_000_000_202UL);
        var (pinged, kept) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(pinged, role: deletedRole);
        await harness.SubscribeAsync(kept, role: keptRole);
        await harness.ImportAsync();
        var handler = harness.Get<IEnumerable<IGatewayEventHandler<GuildCreateEvent>>>().Single();
        var guild = new GuildCreateData(
            new Snowflake(Guild), null, null, [new GuildChannelId(new Snowflake(pinged)), new GuildChannelId(new Snowflake(kept))],
            [new GuildRoleId(new Snowflake(Guild)), new GuildRoleId(new Snowflake(keptRole))]);

        await handler.HandleAsync(new GuildCreateEvent(0, guild), CancellationToken.None);
        await harness.DeliverAsync();

        var post = Assert.Single(harness.PostsIn(pinged)).Body!.Value;
        Assert.False(post.TryGetProperty("content", out _));
        Assert.Equal("""{"parse":[]}""", post.GetProperty("allowed_mentions").GetRawText());
        Assert.StartsWith($"<@&{keptRole}>", Assert.Single(harness.PostsIn(kept)).Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GuildDelete_RemovesTheServersSubscriptionsOnlyWhenTheBotWasRemoved()
    {
        await using var harness = await StartAsync();
        await harness.SubscribeAsync(NewChannel());
        var handler = harness.Get<IEnumerable<IGatewayEventHandler<GuildDeleteEvent>>>().Single();
        var store = harness.Get<SubscriptionStore>();

        await handler.HandleAsync(new GuildDeleteEvent(0, new Snowflake(Guild), Unavailable: true), CancellationToken.None);
        var duringOutage = (await store.ListAsync(Guild, CancellationToken.None)).Count;
        await handler.HandleAsync(new GuildDeleteEvent(0, new Snowflake(Guild), Unavailable: false), CancellationToken.None);
        var afterRemoval = (await store.ListAsync(Guild, CancellationToken.None)).Count;

        Assert.Equal(1, duringOutage);
        Assert.Equal(0, afterRemoval);
    }

    /// <summary>Announcements subscribe to the server and channel events they use, and never see interactions.</summary>
    [Fact]
    public async Task GatewayHandlers_SubscribeOnlyToServerAndChannelEvents()
    {
        await using var harness = await StartAsync();

        Assert.IsType<GuildAvailableHandler>(Assert.Single(harness.Get<IEnumerable<IGatewayEventHandler<GuildCreateEvent>>>()));
        Assert.IsType<GuildRemovedHandler>(Assert.Single(harness.Get<IEnumerable<IGatewayEventHandler<GuildDeleteEvent>>>()));
        Assert.IsType<ChannelDeletedHandler>(Assert.Single(harness.Get<IEnumerable<IGatewayEventHandler<ChannelDeleteEvent>>>()));
        Assert.IsType<RoleDeletedHandler>(Assert.Single(harness.Get<IEnumerable<IGatewayEventHandler<GuildRoleDeleteEvent>>>()));
        Assert.Empty(harness.Get<IEnumerable<IGatewayEventHandler<InteractionCreateEvent>>>());
    }

    [Fact]
    public async Task Worker_RowsQueuedByAnotherProcess_ArePostedWithinSeconds()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        var worker = harness.Get<AnnouncementDeliveryService>();
        await worker.StartAsync(CancellationToken.None);
        try
        {
            // Another container is another process as far as the worker knows: its signal never fires here.
            harness.Restart();
            await harness.ImportAsync();

            var posted = await harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{channel}/messages" && r.Status == 200, timeout: TimeSpan.FromSeconds(5));

            Assert.Single(posted);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Worker_PassesThatKeepFailing_AreTriedLaterAndLater()
    {
        // The outbox gone from under it: every pass fails at its first read, as with the database down.
        // Each failure was logged, with its exception, and tried again after the poll interval (50 ms here).
        await using var harness = await StartAsync();
        var logs = new FakeLogger<AnnouncementDeliveryService>();
        var worker = ActivatorUtilities.CreateInstance<AnnouncementDeliveryService>(harness.Bot, logs);
        await harness.ScalarAsync("DROP TABLE announcements");

        await worker.StartAsync(CancellationToken.None);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        // 50, 100, 200, 400, 800 ms apart: about five passes in 1.5 s, where every 50 ms made about thirty.
        var errors = logs.Collector.GetSnapshot().Where(l => l.Level == LogLevel.Error).ToList();
        Assert.InRange(errors.Count, 2, 8);
        Assert.Equal(
            ["00:00:00.0500000", "00:00:00.1000000"],
            errors.Take(2).Select(e => e.StructuredState!.Single(p => p.Key == "RetryDelay").Value));
    }

    internal static async Task DeliverUntilAsync(AnnouncementHarness harness, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await done())
        {
            Assert.True(DateTime.UtcNow < deadline, "delivery did not finish in 10 s");
            await harness.DeliverAsync();
            await Task.Delay(10); // the backoff is real time (20 ms here): the REST client's limiter runs on the system clock
        }
    }
}
