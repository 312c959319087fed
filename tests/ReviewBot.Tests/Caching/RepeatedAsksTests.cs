using ReviewBot.Caching;

namespace ReviewBot.Tests.Caching;

public sealed class RepeatedAsksTests
{
    [Fact]
    public void AskedBefore_IsFalseTheFirstTimeAndTrueAfter()
    {
        var asks = new RepeatedAsks(64);

        Assert.False(asks.AskedBefore(RepeatedAsks.Fingerprint(7, 12345)));
        Assert.True(asks.AskedBefore(RepeatedAsks.Fingerprint(7, 12345)));
        Assert.True(asks.AskedBefore(RepeatedAsks.Fingerprint(7, 12345)));
    }

    [Fact]
    public void AskedBefore_TellsQuestionsApart_ByReviewAndByHash()
    {
        var asks = new RepeatedAsks(1024);

        Assert.False(asks.AskedBefore(RepeatedAsks.Fingerprint(7, 1)));
        Assert.False(asks.AskedBefore(RepeatedAsks.Fingerprint(8, 1)));
        Assert.False(asks.AskedBefore(RepeatedAsks.Fingerprint(7, 2)));
        Assert.True(asks.AskedBefore(RepeatedAsks.Fingerprint(8, 1)));
    }

    [Fact]
    public void AskedBefore_ZeroIsAFingerprintLikeAnyOther()
    {
        var asks = new RepeatedAsks(16);

        Assert.False(asks.AskedBefore(0));
        Assert.True(asks.AskedBefore(0));
    }

    [Fact]
    public void AskedBefore_RemembersMostOfAsManyRecentQuestionsAsHalfItsSlots()
    {
        var asks = new RepeatedAsks(4096);
        var questions = Enumerable.Range(1, 2048).Select(id => RepeatedAsks.Fingerprint(id, id * 31)).ToList();
        foreach (var question in questions)
        {
            asks.AskedBefore(question);
        }

        // Review ids in sequence must spread over the table, not pile onto a few slots.
        Assert.InRange(questions.Count(asks.AskedBefore), 1500, 2048);
    }

    [Fact]
    public async Task AskedBefore_SameQuestionFromManyThreadsAtOnce_IsNewForExactlyOne()
    {
        var asks = new RepeatedAsks(256);
        using var start = new Barrier(8);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Factory.StartNew(
            () =>
            {
                start.SignalAndWait();
                return asks.AskedBefore(RepeatedAsks.Fingerprint(42, 99));
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default)));

        Assert.Single(answers, before => !before);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(100)]
    public void Constructor_RefusesASizeThatIsNotAPowerOfTwo(int slots) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RepeatedAsks(slots));
}
