using ReviewBot.Discord.Interactions;

namespace ReviewBot.Discord.Tests.Interactions;

public sealed class DiscordTimestampTests
{
    [Theory]
    [InlineData(TimestampStyle.LongDate, "<t:1768914000:D>")]
    [InlineData(TimestampStyle.Relative, "<t:1768914000:R>")]
    [InlineData(TimestampStyle.ShortDateTime, "<t:1768914000:f>")]
    public void Format_Instant_IsTheUnixSecondsWithTheStyleLetter(TimestampStyle style, string expected)
    {
        Assert.Equal(expected, DiscordTimestamp.Format(new DateTimeOffset(2026, 1, 20, 14, 0, 0, TimeSpan.FromHours(1)), style));
    }

    [Fact]
    public void Day_DateWithoutTimeOfDay_IsTaggedAtNoonUtcSoEveryZoneShowsThatDay()
    {
        var tag = DiscordTimestamp.Day(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal("<t:1768910400:D>", tag);
        var shown = DateTimeOffset.FromUnixTimeSeconds(1768910400);
        Assert.Equal(20, shown.ToOffset(TimeSpan.FromHours(-11)).Day);
        Assert.Equal(20, shown.ToOffset(TimeSpan.FromHours(11)).Day);
    }

    [Fact]
    public void Day_InstantWithATime_IsKeptAsItIs()
    {
        var tag = DiscordTimestamp.Day(new DateTimeOffset(2026, 1, 20, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal("<t:1768951800:D>", tag);
    }
}
