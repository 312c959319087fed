using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

public sealed class SentencesTests
{
    [Theory]
    [InlineData("")]
    [InlineData("\n\n\n\n")]
    [InlineData("One. Two! Three? \"Four.\" Five")]
    [InlineData("  Ep. 9 is good. Vol. 2 too.\n\n\nDr. Stone (it is). [Yes.] 9 more.  \n\n  ")]
    [InlineData("a.\n\nB. c. D")]
    [InlineData("Said “so.” Then ’tis. Ok?\tYes.\r\n\r\nNext paragraph.")]
    public void Split_IsEachRangeOfTheText(string text)
    {
        var expected = new List<string>();
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries))
        {
            expected.AddRange(Sentences.Split(paragraph));
        }

        var ranges = Sentences.Ranges(text).Select(r => text.Substring(r.Start, r.Length)).ToList();

        Assert.Equal(expected, ranges);
        Assert.Equal(expected, Sentences.Split(text));
        Assert.All(ranges, s => Assert.Equal(s.Trim(), s));
    }

    [Fact]
    public void Split_Sample_SentencesAtTheirBoundaries()
    {
        Assert.Equal(["Ep. 9 is good.", "Vol. 2 too.", "Dr. Stone (it is).", "[Yes.]", "9 more."], Sentences.Split("  Ep. 9 is good. Vol. 2 too.\n\n\nDr. Stone (it is). [Yes.] 9 more.  \n\n  "));
    }
}
