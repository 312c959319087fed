using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Interactions;
using ReviewBot.Reviews;

namespace ReviewBot.Tests.Reviews;

/// <summary>The kept answers: kept from their second ask, bounded by the bytes they hold, and an answer just kept is always found.</summary>
public sealed class AnswerCacheTests : IDisposable
{
    private const int ChartBytes = 64 * 1024;

    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void Offer_TheFirstTime_ReturnsTheAnswerWithoutKeepingIt_AndTheSecondTimeKeepsItsBody()
    {
        using var cache = NewCache();

        var first = cache.Offer(Key(1), Reply(1));
        Assert.Null(first.Prepared);
        Assert.Null(cache.Find(Key(1)));

        var second = cache.Offer(Key(1), Reply(1));
        Assert.NotNull(second.Prepared);
        Assert.Same(second.Prepared, cache.Find(Key(1))?.Prepared);
    }

    [Fact]
    public void Keep_PastTheCapacity_TheAnswerJustKeptIsFoundAndTheOldestAreDropped()
    {
        using var cache = NewCache();
        var answers = (int)(AnswerCache.CapacityBytes / ChartBytes) * 2;

        for (var review = 1; review <= answers; review++)
        {
            KeepByAskingTwice(cache, Key(review), Reply(review));
            Assert.NotNull(cache.Find(Key(review)));
        }

        Assert.Null(cache.Find(Key(1)));
        Assert.NotNull(cache.Find(Key(answers - 1)));
    }

    /// <summary>An answer is charged with the bytes it holds once: its body's parts are its files' bytes, not copies of them.</summary>
    [Fact]
    public void Keep_AnswersThatFitTheCapacity_AreAllKept()
    {
        using var cache = NewCache();
        var fitting = (int)(AnswerCache.CapacityBytes / (ChartBytes + 1024)) - 1;

        for (var review = 1; review <= fitting; review++)
        {
            KeepByAskingTwice(cache, Key(review), Reply(review));
        }

        Assert.All(Enumerable.Range(1, fitting), review => Assert.NotNull(cache.Find(Key(review))));
    }

    [Fact]
    public void Keep_PastTheCapacity_AnAnswerAskedForMeanwhileOutlivesOlderOnes()
    {
        using var cache = NewCache();
        var enough = (int)(AnswerCache.CapacityBytes / ChartBytes) * 2;
        for (var review = 1; review <= 10; review++)
        {
            KeepByAskingTwice(cache, Key(review), Reply(review));
        }

        for (var review = 11; review <= enough; review++)
        {
            Assert.NotNull(cache.Find(Key(1)));
            KeepByAskingTwice(cache, Key(review), Reply(review));
        }

        Assert.NotNull(cache.Find(Key(1)));
        Assert.Null(cache.Find(Key(2)));
    }

    [Fact]
    public async Task Offer_AReplyOfBorrowedBytes_KeptAsACopy_TheLoanGoesBackAtOnce_NotKeptLeavesItToItsSender()
    {
        using var cache = NewCache();
        var json = SerializedMessage.Encode(new MessageBuilder().WithContent("stored").Build());
        var expected = "{\"type\":4,\"data\":" + System.Text.Encoding.UTF8.GetString(json) + "}";
        var borrowed = new byte[json.Length + 100]; // a rented array is a size class longer than its bytes
        json.CopyTo(borrowed, 0);
        var firstLoan = new Loan();
        var secondLoan = new Loan();

        var first = cache.Offer(Key(1), InteractionReply.FromSerialized(new SerializedMessage(borrowed.AsMemory(0, json.Length))) with { Borrowed = firstLoan });
        var second = cache.Offer(Key(1), InteractionReply.FromSerialized(new SerializedMessage(borrowed.AsMemory(0, json.Length))) with { Borrowed = secondLoan });

        // Not kept: the sender releases the first loan after sending, so it is still the reply's.
        Assert.Same(firstLoan, first.Borrowed);
        Assert.False(firstLoan.Disposed);
        // Kept: a copy of its own, so the second loan went back at once, and what the pool writes over it next shows nowhere.
        Assert.True(secondLoan.Disposed);
        Assert.NotNull(second.Borrowed);
        Assert.NotSame(secondLoan, second.Borrowed);
        Assert.Same(second.Prepared, cache.Find(Key(1))?.Prepared);
        Assert.Equal(json.Length, second.Serialized!.Json.Length);
        Array.Fill(borrowed, (byte)'x');
        using var body = new MemoryStream();
        await second.PreparedBodyFor(InteractionCallbackType.ChannelMessageWithSource)!.WriteToAsync(body, CancellationToken.None);
        Assert.Equal(expected, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public void Offer_KeepingAnAnswer_PutsNoCopyOfItsBytesOnTheManagedHeap()
    {
        using var cache = NewCache();
        cache.Offer(Key(1), Reply(1));
        var reply = Reply(1);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var kept = cache.Offer(Key(1), reply);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(kept.Prepared);
        Assert.InRange(allocated, 0, ChartBytes / 4);
    }

    [Fact]
    public async Task Find_AnAnswerDroppedWhileBeingSent_StaysWholeUntilItsSenderReleasesIt_ThenIsFreed()
    {
        var cache = NewCache();
        var sent = KeepByAskingTwice(cache, Key(1), Reply(1));
        var sending = cache.Find(Key(1))!;
        var expected = await BodyAsync(sending);

        // Pushed out by answers kept after it, and the cache disposed: only the two sends hold it now.
        for (var review = 2; review <= (int)(AnswerCache.CapacityBytes / ChartBytes) + 2; review++)
        {
            KeepByAskingTwice(cache, Key(review), Reply(review)).Release();
        }

        cache.Dispose();
        Assert.Null(cache.Find(Key(1)));
        var bytes = OffHeap(sending);
        Assert.Equal(expected, await BodyAsync(sending));

        sent.Release();
        Assert.False(bytes.IsFreed);
        sending.Release();
        sending.Release(); // a second release by the same holder changes nothing more
        Assert.True(bytes.IsFreed);
    }

    [Fact]
    public void Dispose_FreesTheKeptAnswersNobodyIsSending()
    {
        var cache = NewCache();
        var first = KeepByAskingTwice(cache, Key(1), Reply(1));
        var second = KeepByAskingTwice(cache, Key(2), Reply(2));
        first.Release();
        second.Release();
        Assert.False(OffHeap(first).IsFreed);

        cache.Dispose();

        Assert.True(OffHeap(first).IsFreed);
        Assert.True(OffHeap(second).IsFreed);
    }

    [Fact]
    public void Offer_AnAnswerOnlyItsAskerSees_IsNeverKept()
    {
        using var cache = NewCache();
        var ephemeral = InteractionReply.Ephemeral("only for you");

        cache.Offer(Key(1), ephemeral);
        var second = cache.Offer(Key(1), ephemeral);

        Assert.Same(ephemeral, second);
        Assert.Null(cache.Find(Key(1)));
    }

    /// <summary>
    /// Answers kept, found, pushed out and released from several threads at once: every answer a
    /// thread holds still reads as its own review's bytes while others push it out of the cache, and
    /// every block is freed once the cache is gone and every holder has released.
    /// </summary>
    [Fact]
    public async Task KeepFindAndDrop_FromManyThreads_NoAnswerIsFreedOrChangedWhileHeld()
    {
        var cache = NewCache();
        var answers = (int)(AnswerCache.CapacityBytes / ChartBytes) * 3;
        var blocks = new System.Collections.Concurrent.ConcurrentDictionary<OffHeapBytes, byte>();
        var workers = Enumerable.Range(0, 4).Select(worker => Task.Run(() =>
        {
            // Each worker holds its answers a while, as a slow send would, while the others push them out.
            var random = new Random(worker);
            var holding = new Queue<(int Review, InteractionReply Reply)>();
            for (var i = 0; i < 2_000; i++)
            {
                var review = 1 + random.Next(answers);
                var held = cache.Find(Key(review)) ?? cache.Offer(Key(review), Reply(review, filler: (byte)review));
                if (held.Serialized is not null)
                {
                    blocks.TryAdd(OffHeap(held), 0);
                }

                holding.Enqueue((review, held));
                if (holding.Count > 300)
                {
                    Check(holding.Dequeue());
                }
            }

            while (holding.Count > 0)
            {
                Check(holding.Dequeue());
            }
        })).ToArray();

        static void Check((int Review, InteractionReply Reply) held)
        {
            if (held.Reply.Serialized is { } serialized)
            {
                Assert.True(serialized.Files![0].Content.Span.IndexOfAnyExcept((byte)held.Review) < 0, $"the chart of review {held.Review} changed while held");
                Assert.Contains($"review {held.Review}\"", System.Text.Encoding.UTF8.GetString(serialized.Json.Span), StringComparison.Ordinal);
            }

            held.Reply.Release();
        }

        await Task.WhenAll(workers);
        cache.Dispose();

        Assert.NotEmpty(blocks);
        Assert.All(blocks.Keys, block => Assert.True(block.IsFreed));
    }

    private static OffHeapBytes OffHeap(InteractionReply reply) =>
        System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager<byte, OffHeapBytes>(reply.Serialized!.Json, out var bytes)
            ? bytes
            : throw new InvalidOperationException("not a kept answer");

    private static async Task<byte[]> BodyAsync(InteractionReply reply)
    {
        using var body = new MemoryStream();
        await reply.PreparedBodyFor(InteractionCallbackType.ChannelMessageWithSource)!.WriteToAsync(body, CancellationToken.None);
        return body.ToArray();
    }

    private sealed class Loan : ReviewBot.Core.Storage.IRented
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    /// <summary>An answer is kept from its second ask on; returns the kept answer that ask sends.</summary>
    private static InteractionReply KeepByAskingTwice(AnswerCache cache, AnswerKey key, InteractionReply reply)
    {
        cache.Offer(key, reply);
        return cache.Offer(key, reply);
    }

    private AnswerCache NewCache() => new(_services.GetRequiredService<IMeterFactory>());

    private static AnswerKey Key(int review) =>
        AnswerKey.ForReview(new ReviewVersion(review, "2026-01-01T00:00:00.0000000Z", "hash", 0, 0), chart: true, InteractionCallbackType.ChannelMessageWithSource);

    private static InteractionReply Reply(int review, byte filler = 0) =>
        new(new MessageBuilder().WithContent($"review {review}").AddFile(new FileUpload("chart.png", Filled(filler))).Build());

    private static byte[] Filled(byte value)
    {
        var bytes = new byte[ChartBytes];
        Array.Fill(bytes, value);
        return bytes;
    }
}
