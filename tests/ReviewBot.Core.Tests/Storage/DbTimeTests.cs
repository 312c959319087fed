using System.Text;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

public sealed class DbTimeTests
{
    public static TheoryData<DateTimeOffset> Times => new()
    {
        new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 678, TimeSpan.FromHours(9)).AddTicks(1234),
        new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(9_999_999),
        DateTimeOffset.MaxValue.ToOffset(TimeSpan.Zero),
    };

    /// <summary>Written to a span or to a string, a stored time is the same text, in UTC: written one way and compared the other, it must match.</summary>
    [Theory]
    [MemberData(nameof(Times))]
    public void FormatUtf8_IsFormatsText(DateTimeOffset time)
    {
        Span<byte> utf8 = stackalloc byte[DbTime.Utf8Length];

        var written = DbTime.FormatUtf8(time, utf8);

        Assert.Equal(DbTime.Format(time), Encoding.UTF8.GetString(utf8[..written]));
        Assert.Equal(DbTime.Utf8Length, written);
        Assert.Equal(time.UtcTicks, DbTime.Parse(DbTime.Format(time)).UtcTicks);
    }
}
