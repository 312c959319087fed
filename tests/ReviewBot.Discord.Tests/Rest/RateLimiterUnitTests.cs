using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Discord.Rest.RateLimits;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>The limiter's small classes on a fake clock: no loopback, no real waiting.</summary>
public sealed class RateLimiterUnitTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task RouteBucket_Exhausted_WaitsUntilResetAfter()
    {
        var bucket = new RouteBucket(_time);
        bucket.Update(limit: 2, remaining: 0, resetAfter: TimeSpan.FromSeconds(2), _time.GetUtcNow());

        var waiting = bucket.AcquireAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1.9));
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RouteBucket_WithRoomLeft_DoesNotWaitAndCountsDown()
    {
        var bucket = new RouteBucket(_time);
        bucket.Update(limit: 5, remaining: 2, resetAfter: TimeSpan.FromSeconds(5), _time.GetUtcNow());

        await bucket.AcquireAsync(CancellationToken.None);
        await bucket.AcquireAsync(CancellationToken.None);
        var third = bucket.AcquireAsync(CancellationToken.None);

        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        await third.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void RouteBucket_LateResponseInSameWindow_NeverRaisesRemaining()
    {
        var bucket = new RouteBucket(_time);
        bucket.Update(limit: 5, remaining: 1, resetAfter: TimeSpan.FromSeconds(5), _time.GetUtcNow());
        bucket.Update(limit: 5, remaining: 3, resetAfter: TimeSpan.FromSeconds(4), _time.GetUtcNow());

        Assert.True(bucket.AcquireAsync(CancellationToken.None).IsCompleted);
        Assert.False(bucket.AcquireAsync(CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task RouteBucket_PausedBy429_WaitsRetryAfter()
    {
        var bucket = new RouteBucket(_time);
        bucket.PauseUntil(_time.GetUtcNow() + TimeSpan.FromSeconds(3));

        var waiting = bucket.AcquireAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(3));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RouteBucket_Cancelled_StopsWaiting()
    {
        var bucket = new RouteBucket(_time);
        bucket.PauseUntil(_time.GetUtcNow() + TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource();

        var waiting = bucket.AcquireAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task GlobalRateLimiter_FiftyAnsweredInASecond_HoldsTheFiftyFirstForASecondAfterTheFirstAnswer()
    {
        var global = new GlobalRateLimiter(_time);
        for (var i = 0; i < 50; i++)
        {
            await global.AcquireAsync(CancellationToken.None);
            global.Release();
        }

        var fiftyFirst = global.AcquireAsync(CancellationToken.None);
        Assert.False(fiftyFirst.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await fiftyFirst.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GlobalRateLimiter_AllSlotsInFlight_WaitsForAnAnswerThenOneSecond()
    {
        var global = new GlobalRateLimiter(_time, requestsPerSecond: 2);
        await global.AcquireAsync(CancellationToken.None);
        await global.AcquireAsync(CancellationToken.None);

        var third = global.AcquireAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(5));
        Assert.False(third.IsCompleted);
        global.Release();
        var answeredAt = _time.GetUtcNow();

        // The waiter wakes on the thread pool and only then arms its one-second timer, so the clock
        // moves in small steps with a real pause between them rather than in one jump it could miss.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!third.IsCompleted && DateTime.UtcNow < deadline)
        {
            Assert.True(_time.GetUtcNow() - answeredAt <= TimeSpan.FromSeconds(1.5), "the slot was not given back a second after the answer");
            _time.Advance(TimeSpan.FromMilliseconds(10));
            await Task.Delay(2);
        }

        await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.True(_time.GetUtcNow() - answeredAt >= TimeSpan.FromSeconds(1), "the slot was given back before a second had passed since the answer");
    }

    [Fact]
    public async Task GlobalRateLimiter_PausedByGlobal429_HoldsEveryone()
    {
        var global = new GlobalRateLimiter(_time);
        global.PauseUntil(_time.GetUtcNow() + TimeSpan.FromSeconds(2));

        var waiting = global.AcquireAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(2));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task GlobalRateLimiter_FreedSlot_GoesToExactlyOneWaiterInArrivalOrder()
    {
        var global = new GlobalRateLimiter(_time, requestsPerSecond: 2);
        await global.AcquireAsync(CancellationToken.None);
        global.Release();
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await global.AcquireAsync(CancellationToken.None);
        global.Release();

        var waiting = Enumerable.Range(0, 4).Select(_ => global.AcquireAsync(CancellationToken.None)).ToArray();
        Assert.All(waiting, w => Assert.False(w.IsCompleted));

        // The first answer leaves the window: one slot, for the first waiter only.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await waiting[0].WaitAsync(TimeSpan.FromSeconds(5));
        Assert.All(waiting.Skip(1), w => Assert.False(w.IsCompleted));

        // The second answer leaves the window: the second waiter, still not the others.
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await waiting[1].WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(waiting[2].IsCompleted);
        Assert.False(waiting[3].IsCompleted);
    }

    [Fact]
    public async Task GlobalRateLimiter_CancelledWaiter_LeavesTheQueueWithoutTakingASlot()
    {
        var global = new GlobalRateLimiter(_time, requestsPerSecond: 1);
        await global.AcquireAsync(CancellationToken.None);
        global.Release();

        using var cancel = new CancellationTokenSource();
        var cancelled = global.AcquireAsync(cancel.Token);
        var next = global.AcquireAsync(CancellationToken.None);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        _time.Advance(TimeSpan.FromSeconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void InvalidRequestCounter_At2500_WarnsAndForgetsAfterTenMinutes()
    {
        var logger = new FakeLogger();
        var counter = new InvalidRequestCounter(_time, logger);

        for (var i = 0; i < 2499; i++)
        {
            counter.Record(403);
        }

        Assert.Empty(logger.Collector.GetSnapshot());
        counter.Record(401);
        Assert.Equal(LogLevel.Warning, logger.LatestRecord.Level);
        Assert.Contains("2500", logger.LatestRecord.Message, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, counter.Count);
    }

    [Fact]
    public void BucketRegistry_RoutesSharingAHash_ShareOneBucketPerMajorParameter()
    {
        var registry = new BucketRegistry(_time);
        var create = ReviewBot.Discord.Rest.RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages", "/channels/1/messages", "channel:1");
        var edit = ReviewBot.Discord.Rest.RestRoute.Create(HttpMethod.Patch, "/channels/{channel_id}/messages/{message_id}", "/channels/1/messages/2", "channel:1");
        var otherChannel = create with { Path = "/channels/2/messages", MajorParameter = "channel:2" };

        var a = registry.Learn(create, "abc");
        var b = registry.Learn(edit, "abc");

        Assert.Same(a, b);
        Assert.NotSame(a, registry.Get(otherChannel));
    }

    [Fact]
    public async Task BucketRegistry_IdleBucketsOlderThanFiveMinutes_AreSwept()
    {
        var registry = new BucketRegistry(_time);
        var callback = ReviewBot.Discord.Rest.RestRoute.Interaction(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", "/interactions/1/t/callback", "interaction:1/t");
        var bucket = registry.Learn(callback, "cb");
        bucket.Update(limit: 5, remaining: 4, resetAfter: TimeSpan.FromSeconds(1), _time.GetUtcNow());
        await bucket.AcquireAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(6));
        registry.Sweep();

        Assert.Equal(0, registry.Count);
    }

    [Fact]
    public async Task BucketRegistry_LookupsWithinAMinuteOfASweep_DoNotSweepAgain()
    {
        var registry = new BucketRegistry(_time);
        var channel = ReviewBot.Discord.Rest.RestRoute.Create(HttpMethod.Post, "/channels/{channel_id}/messages", "/channels/1/messages", "channel:1");
        var busy = channel with { Path = "/channels/2/messages", MajorParameter = "channel:2" };
        var idle = registry.Learn(channel, "msg");
        idle.Update(limit: 5, remaining: 4, resetAfter: TimeSpan.FromSeconds(1), _time.GetUtcNow());
        await idle.AcquireAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(4.5));
        LookUp(registry, busy, 1024); // a sweep: the channel's bucket is not five minutes idle yet
        _time.Advance(TimeSpan.FromMinutes(0.75));
        LookUp(registry, busy, 1024); // five minutes idle now, but the last sweep was under a minute ago
        var keptUntilTheNextSweep = registry.HashOf(channel) is not null && registry.Count == 2;
        _time.Advance(TimeSpan.FromMinutes(0.5));
        LookUp(registry, busy, 1024);

        Assert.True(keptUntilTheNextSweep);
        Assert.Equal(1, registry.Count);
    }

    private static void LookUp(BucketRegistry registry, ReviewBot.Discord.Rest.RestRoute route, int times)
    {
        for (var i = 0; i < times; i++)
        {
            registry.Get(route);
        }
    }
    [Theory]
    [InlineData("Infinity")]
    [InlineData("1e300")]
    [InlineData("922337203686")]
    public void RateLimitHeaders_SecondsBeyondAnyTimer_AreReadAsTheLongestWait(string seconds)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", seconds);
        response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", seconds);

        var headers = RateLimitHeaders.Parse(response.Headers);

        Assert.Equal(RateLimitHeaders.MaxWait, headers.RetryAfter);
        Assert.Equal(RateLimitHeaders.MaxWait, headers.ResetAfter);
    }

    /// <summary>HTTP allows Retry-After as a date too (a proxy in front of the API may send one); read against the answer's own Date, so no clock skew counts.</summary>
    [Fact]
    public void RateLimitHeaders_RetryAfterAsAnHttpDate_IsTheTimeFromTheAnswersDate()
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Date", "Tue, 08 Dec 2026 05:00:00 GMT");
        response.Headers.TryAddWithoutValidation("Retry-After", "Tue, 08 Dec 2026 05:02:30 GMT");

        Assert.Equal(TimeSpan.FromSeconds(150), RateLimitHeaders.Parse(response.Headers).RetryAfter);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("soon")]
    public void RateLimitHeaders_SecondsNegativeOrNotANumber_AreIgnored(string seconds)
    {
        using var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", seconds);

        Assert.Null(RateLimitHeaders.Parse(response.Headers).RetryAfter);
    }
}
