using System.Diagnostics;
using System.Net;
using FakeDiscord;
using FakeDiscord.Rest;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

public sealed class RateLimitTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";
    private const string Followup = "POST /webhooks/{webhook_id}/{webhook_token}";
    private const string DeleteMessage = "DELETE /channels/{channel_id}/messages/{message_id}";
    private const string Callback = "POST /interactions/{interaction_id}/{interaction_token}/callback";
    private static readonly Snowflake Channel = new(1_300_000_000_000_000_020);

    private static MessageRequest Text(string content) => new() { Content = content };

    [Fact]
    public async Task CreateMessageAsync_BucketOfTwo_ThirdRequestWaitsForResetAndNeedsNo429()
    {
        var fake = new FakeDiscordOptions();
        fake.RouteLimits[CreateMessage] = new RouteLimit(2, TimeSpan.FromMilliseconds(400));
        await using var h = await RestHarness.StartAsync(fake);

        await h.Client.CreateMessageAsync(Channel, Text("1"));
        await h.Client.CreateMessageAsync(Channel, Text("2"));
        var clock = Stopwatch.StartNew();
        await h.Client.CreateMessageAsync(Channel, Text("3"));

        Assert.Equal(0, h.Server.RateLimitedResponses);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(250), $"the third request went out after {clock.Elapsed}, before the bucket reset");
        Assert.All(h.Server.Requests, r => Assert.Equal(200, r.Status));
    }

    [Fact]
    public async Task CreateMessageAsync_ManyConcurrentInOneBucket_AllSucceedWithout429AfterTheFirst()
    {
        var fake = new FakeDiscordOptions();
        fake.RouteLimits[CreateMessage] = new RouteLimit(3, TimeSpan.FromMilliseconds(300));
        await using var h = await RestHarness.StartAsync(fake);
        await h.Client.CreateMessageAsync(Channel, Text("learn the bucket"));

        await Task.WhenAll(Enumerable.Range(0, 7).Select(i => h.Client.CreateMessageAsync(Channel, Text($"m{i}"))));

        Assert.Equal(0, h.Server.RateLimitedResponses);
        Assert.Equal(8, h.Server.MessageCount);
    }

    [Fact]
    public async Task CreateMessageAsync_ConcurrentBeforeTheBucketIsKnown_ProbesFirstAndNeeds429Never()
    {
        var fake = new FakeDiscordOptions();
        fake.RouteLimits[CreateMessage] = new RouteLimit(2, TimeSpan.FromMilliseconds(300));
        await using var h = await RestHarness.StartAsync(fake);

        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => h.Client.CreateMessageAsync(Channel, Text($"m{i}"))));

        Assert.Equal(0, h.Server.RateLimitedResponses);
        Assert.Equal(6, h.Server.MessageCount);
    }

    [Fact]
    public async Task CreateMessageAsync_OtherChannel_UsesItsOwnBucket()
    {
        var fake = new FakeDiscordOptions();
        fake.RouteLimits[CreateMessage] = new RouteLimit(1, TimeSpan.FromSeconds(30));
        await using var h = await RestHarness.StartAsync(fake);

        await h.Client.CreateMessageAsync(Channel, Text("a"));
        await h.Client.CreateMessageAsync(new Snowflake(Channel.Value + 1), Text("b")).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(0, h.Server.RateLimitedResponses);
    }

    [Fact]
    public async Task EditMessageAsync_RouteSharingABucketHash_WaitsOnTheSharedBucket()
    {
        var fake = new FakeDiscordOptions();
        const string edit = "PATCH /channels/{channel_id}/messages/{message_id}";
        fake.RouteLimits[CreateMessage] = new RouteLimit(2, TimeSpan.FromMilliseconds(400));
        fake.RouteLimits[edit] = new RouteLimit(2, TimeSpan.FromMilliseconds(400));
        fake.SharedBuckets[CreateMessage] = "shared-messages";
        fake.SharedBuckets[edit] = "shared-messages";
        await using var h = await RestHarness.StartAsync(fake);

        var message = await h.Client.CreateMessageAsync(Channel, Text("one"));
        await h.Client.EditMessageAsync(Channel, message.Id, Text("two"));
        await h.Client.CreateMessageAsync(Channel, Text("three"));

        Assert.Equal(0, h.Server.RateLimitedResponses);
    }

    [Theory]
    [InlineData(RateLimitScope.User, 1)]
    [InlineData(RateLimitScope.Global, 1)]
    [InlineData(RateLimitScope.Shared, 0)]
    public async Task CreateMessageAsync_429WithScope_WaitsRetryAfterThenSucceeds(RateLimitScope scope, int countedAsInvalid)
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectRateLimit(scope, TimeSpan.FromMilliseconds(300), CreateMessage);
        var clock = Stopwatch.StartNew();

        var message = await h.Client.CreateMessageAsync(Channel, Text("after the limit"));

        Assert.Equal("after the limit", message.Content);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(280), $"retried after {clock.Elapsed}");
        Assert.Equal([429, 200], h.Server.Requests.Select(r => r.Status));
        Assert.Equal(countedAsInvalid, h.RateLimiter.InvalidRequestCount);
    }

    [Theory]
    [InlineData(RateLimitScope.User, 3650)]
    [InlineData(RateLimitScope.Global, 3650)]
    [InlineData(RateLimitScope.User, 10_675_199)]
    [InlineData(RateLimitScope.Global, 10_675_199)]
    public async Task CreateMessageAsync_429WithRetryAfterOfYears_FailsAtOnceAsRateLimited(RateLimitScope scope, int days)
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectRateLimit(scope, TimeSpan.FromDays(days), CreateMessage);

        // The bound only keeps a wrong client from hanging the test run; a right one answers at once.
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("not for years")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.Equal([429], h.Server.Requests.Select(r => r.Status));
    }

    [Theory]
    [InlineData(RateLimitScope.User)]
    [InlineData(RateLimitScope.Shared)]
    [InlineData(RateLimitScope.Global)]
    public async Task CreateMessageAsync_AfterA429LongerThanTheLongestWait_FailsAtOnceWithoutSending(RateLimitScope scope)
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectRateLimit(scope, TimeSpan.FromHours(1), CreateMessage);
        await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("first")).WaitAsync(TimeSpan.FromSeconds(30)));

        // The bucket (or, for a global limit, every route) stays paused for the hour Discord asked for;
        // the next call must not sit out that hour when the first was told at once.
        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("second")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.TooManyRequests, error.Status);
        Assert.True(error.CouldNotServe);
        Assert.Equal([429], h.Server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task CloudflareBanPage_On429_PausesEveryRouteNotOnlyTheBucket()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectCloudflareBan(TimeSpan.FromHours(1), CreateMessage);
        var first = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("banned")).WaitAsync(TimeSpan.FromSeconds(30)));

        // The ban is on the IP, not on one route: a request on another channel would only meet it again
        // (and count toward the invalid-request limit that caused it).
        var other = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(new Snowflake(Channel.Value + 1), Text("elsewhere")).WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(HttpStatusCode.TooManyRequests, first.Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, other.Status);
        Assert.Equal([429], h.Server.Requests.Select(r => r.Status));
        Assert.DoesNotContain("<", first.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RespondAsync_CloudflareBanPage_WaitsItsRetryAfterBeforeTheRetry()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectCloudflareBan(TimeSpan.FromSeconds(1), "POST /interactions/{interaction_id}/{interaction_token}/callback");
        var clock = Stopwatch.StartNew();

        await h.Client.RespondAsync(h.Interaction(), Text("after the ban"));

        // Interaction routes skip the global limit, so the pause a ban puts on it must hold them too:
        // retried at once, the callback would only meet the ban again.
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(980), $"retried after {clock.Elapsed}");
        Assert.Equal([429, 204], h.Server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task CreateMessageAsync_TwoServerErrors_RetriesWithBackoffAndSucceeds()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectServerError(502, CreateMessage, times: 2);

        var message = await h.Client.CreateMessageAsync(Channel, Text("third time lucky"));

        Assert.Equal("third time lucky", message.Content);
        Assert.Equal([502, 502, 200], h.Server.Requests.Select(r => r.Status));
    }

    [Fact]
    public async Task CreateMessageAsync_ServerErrorsEveryTime_GivesUpAfterThreeTriesWithTypedException()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectServerError(500, CreateMessage, times: 10);

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("never")));

        Assert.Equal(HttpStatusCode.InternalServerError, error.Status);
        Assert.Equal(3, h.Server.Requests.Count);
    }

    [Fact]
    public async Task CreateMessageAsync_Timeout_IsRetried()
    {
        await using var h = await RestHarness.StartAsync(retry: new RestRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), RequestTimeout = TimeSpan.FromMilliseconds(300) });
        h.Server.InjectLatency(TimeSpan.FromSeconds(3), CreateMessage);

        var message = await h.Client.CreateMessageAsync(Channel, Text("eventually"));

        Assert.Equal("eventually", message.Content);
    }

    [Fact]
    public async Task CreateForumThreadAsync_Timeout_IsNotResentButReportedAsNoAnswer()
    {
        // A forum post has no nonce: had the client resent it, a slow answer would mean two posts.
        await using var h = await RestHarness.StartAsync(retry: new RestRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), RequestTimeout = TimeSpan.FromMilliseconds(300) });
        // Discord creates the post, then its answer is lost to the client's timeout.
        h.Server.DelayAnswer(r => r.Route == "POST /channels/{channel_id}/threads", TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateForumThreadAsync(Channel, new ForumThreadRequest
        {
            Name = "Metallic Rouge — season 1",
            Message = new MessageRequest { Content = "Discuss the review here." },
        }));

        Assert.Equal(0, (int)error.Status);
        Assert.Contains("not resent", error.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
        Assert.Equal(1, h.Server.ThreadCount);
    }

    [Fact]
    public async Task RespondAsync_AnswerLostTo504AfterDiscordActed_IsResentAndItsRefusalCountsAsDone()
    {
        // The first callback reached Discord; the resend is refused as a second one (40060). The reply is
        // shown, so the call succeeded: reporting a failure would have the bot tell the user it failed.
        await using var h = await RestHarness.StartAsync();
        h.Server.AnswerWithServerErrorAfterActing(r => r.Route == Callback, 504);

        await h.Client.RespondAsync(h.Interaction(), Text("shown once"));

        // The fake records what it did (the callback taken, then refused), not the 504 that replaced its first answer.
        Assert.Equal([204, 400], h.Server.Requests.Where(r => r.Route == Callback).Select(r => r.Status));
    }

    [Fact]
    public async Task RespondAsync_SecondCallbackForTheSameInteraction_IsRefusedAsAlreadyAcknowledged()
    {
        await using var h = await RestHarness.StartAsync();
        await h.Client.RespondAsync(h.Interaction(), Text("first"));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.RespondAsync(h.Interaction(), Text("second")));

        Assert.Equal(40060, error.Code);
    }

    [Fact]
    public async Task DeleteMessageAsync_AnswerLostTo504AfterDiscordActed_IsResentAndItsNotFoundCountsAsDone()
    {
        // The first delete did it; the resend finds nothing to delete. The message is gone, as asked.
        await using var h = await RestHarness.StartAsync();
        var message = await h.Client.CreateMessageAsync(Channel, Text("to delete"));
        h.Server.AnswerWithServerErrorAfterActing(r => r.Route == DeleteMessage, 504);

        await h.Client.DeleteMessageAsync(Channel, message.Id);

        Assert.Equal([204, 404], h.Server.Requests.Where(r => r.Route == DeleteMessage).Select(r => r.Status));
        Assert.Equal(0, h.Server.MessageCount);
    }

    [Fact]
    public async Task DeleteMessageAsync_UnknownMessageAtTheFirstTry_IsStillRefused()
    {
        await using var h = await RestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.DeleteMessageAsync(Channel, new Snowflake(1_300_000_000_000_000_999)));

        Assert.Equal(10008, error.Code);
    }

    [Fact]
    public async Task CreateFollowupMessageAsync_AnswerLostTo504AfterDiscordActed_IsNotResent()
    {
        // Executing a webhook takes no nonce: had the client resent it, the user would see the message twice.
        await using var h = await RestHarness.StartAsync();
        h.Server.AnswerWithServerErrorAfterActing(r => r.Route == Followup, 504);

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            h.Client.CreateFollowupMessageAsync(h.Interaction(), new MessageRequest { Content = "Only once." }));

        Assert.Equal(HttpStatusCode.GatewayTimeout, error.Status);
        Assert.Single(h.Server.Requests, r => r.Route == Followup);
    }

    [Fact]
    public async Task CreateFollowupMessageAsync_Timeout_IsNotResentButReportedAsNoAnswer()
    {
        await using var h = await RestHarness.StartAsync(retry: new RestRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), RequestTimeout = TimeSpan.FromMilliseconds(300) });
        // Discord posts the follow-up, then its answer is lost to the client's timeout.
        h.Server.DelayAnswer(r => r.Route == Followup, TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<DiscordRestException>(() =>
            h.Client.CreateFollowupMessageAsync(h.Interaction(), new MessageRequest { Content = "Only once." }));

        Assert.Contains("not resent", error.Message, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests, r => r.Route == Followup);
    }

    [Fact]
    public async Task CreateMessageAsync_AnswerLostTo504AfterDiscordActed_IsResentAndItsNonceKeepsItOnePost()
    {
        // The create message route may be resent because each create carries its own enforced nonce.
        await using var h = await RestHarness.StartAsync();
        h.Server.AnswerWithServerErrorAfterActing(r => r.Route == CreateMessage, 504);

        var message = await h.Client.CreateMessageAsync(Channel, Text("posted once"));

        Assert.Equal("posted once", message.Content);
        Assert.Equal(2, h.Server.Requests.Count(r => r.Route == CreateMessage));
        Assert.Equal(1, h.Server.MessageCount);
    }

    [Theory]
    [InlineData(403, 50013, "Missing Permissions")]
    [InlineData(403, 50001, "Missing Access")]
    [InlineData(404, 10003, "Unknown Channel")]
    public async Task CreateMessageAsync_ClientError_ThrowsAtOnceWithoutRetry(int status, int code, string text)
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectError(status, code, text, CreateMessage, times: 5);

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("x")));

        Assert.Equal(status, (int)error.Status);
        Assert.Equal(code, error.Code);
        Assert.Equal(text, error.DiscordMessage);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task InvalidRequests_ReachingTheWarningThreshold_LogAWarning()
    {
        await using var h = await RestHarness.StartAsync(warnInvalidEvery: 3);
        h.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 3);

        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, Text("x")));
        }

        Assert.Equal(3, h.RateLimiter.InvalidRequestCount);
        Assert.Contains(h.Logs.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("3 invalid Discord requests", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InteractionCallbacks_BeyondTheGlobalLimit_AreNotHeldBack()
    {
        var fake = new FakeDiscordOptions { GlobalLimitPerSecond = 2 };
        await using var h = await RestHarness.StartAsync(fake, globalPerSecond: 2);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => h.Client.RespondAsync(h.Interaction(1_200_000_000_000_000_100 + (ulong)i), Text("hi"))));

        // Held back by a 2/s global limit, 10 requests would need at least 4 s.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"10 callbacks took {clock.Elapsed} with a global limit of 2/s");
        Assert.Equal(0, h.Server.RateLimitedResponses);
    }

    [Fact]
    public async Task ChannelMessages_BeyondTheGlobalLimit_WaitInsteadOfGetting429()
    {
        var fake = new FakeDiscordOptions { GlobalLimitPerSecond = 3 };
        await using var h = await RestHarness.StartAsync(fake, globalPerSecond: 3);
        var clock = Stopwatch.StartNew();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(i => h.Client.CreateMessageAsync(new Snowflake(Channel.Value + 100 + (ulong)i), Text("hi"))));

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"5 messages at 3/s took only {clock.Elapsed}");
        Assert.Equal(0, h.Server.RateLimitedResponses);
    }
}
