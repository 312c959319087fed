using ReviewBot.Shared;

namespace ReviewBot.Core.Tests.Shared;

public sealed class ExponentialBackoffTests
{
    private static readonly ExponentialBackoff Rule = new(TimeSpan.FromSeconds(5), TimeSpan.FromHours(1));

    [Theory]
    [InlineData(0, 5)]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(10, 2560)]
    public void Delay_DoublesAfterEachFailure(int failures, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Rule.Delay(failures));
    }

    [Theory]
    [InlineData(11)]
    [InlineData(63)]
    [InlineData(int.MaxValue)]
    public void Delay_ManyFailures_StopsAtTheMaximumWithoutOverflow(int failures)
    {
        Assert.Equal(Rule.Max, Rule.Delay(failures));
    }

    [Fact]
    public void Delay_FirstAboveMaximum_IsTheMaximum()
    {
        var rule = new ExponentialBackoff(TimeSpan.FromHours(2), TimeSpan.FromHours(1));

        Assert.Equal(TimeSpan.FromHours(1), rule.Delay(1));
    }

    [Theory]
    [InlineData(0.0, 10)]
    [InlineData(0.5, 15)]
    public void Delay_WithSpread_ScalesIntoTheSpread(double random, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Rule.Delay(3, random, spread: 0.5));
    }

    [Fact]
    public void Delay_WithSpread_StaysBelowTheDelay()
    {
        Assert.True(Rule.Delay(3, 0.999_999, spread: 0.5) < Rule.Delay(3));
    }
}
