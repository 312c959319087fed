using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews;

namespace ReviewBot.Tests.Reviews;

/// <summary>The kept answers: bounded by the bytes they hold, and an answer just kept is always found.</summary>
public sealed class AnswerCacheTests
{
    private const int ChartBytes = 64 * 1024;

    [Fact]
    public void Keep_PastTheCapacity_TheAnswerJustKeptIsFoundAndTheOldestAreDropped()
    {
        using var cache = new AnswerCache();
        var answers = (int)(AnswerCache.CapacityBytes / ChartBytes) * 2;

        for (var review = 1; review <= answers; review++)
        {
            cache.Keep(Key(review), Reply(review));
            Assert.NotNull(cache.Find(Key(review)));
        }

        Assert.Null(cache.Find(Key(1)));
        Assert.NotNull(cache.Find(Key(answers - 1)));
    }

    [Fact]
    public void Keep_PastTheCapacity_AnAnswerAskedForMeanwhileOutlivesOlderOnes()
    {
        using var cache = new AnswerCache();
        var enough = (int)(AnswerCache.CapacityBytes / ChartBytes) * 2;
        for (var review = 1; review <= 10; review++)
        {
            cache.Keep(Key(review), Reply(review));
        }

        for (var review = 11; review <= enough; review++)
        {
            Assert.NotNull(cache.Find(Key(1)));
            cache.Keep(Key(review), Reply(review));
        }

        Assert.NotNull(cache.Find(Key(1)));
        Assert.Null(cache.Find(Key(2)));
    }

    private static AnswerKey Key(int review) =>
        AnswerKey.ForReview(new ReviewVersion(review, "2026-01-01T00:00:00.0000000Z", "hash", 0, 0), chart: true, InteractionCallbackType.ChannelMessageWithSource);

    private static InteractionReply Reply(int review) =>
        new(new MessageBuilder().WithContent($"review {review}").AddFile(new FileUpload("chart.png", new byte[ChartBytes])).Build());
}
