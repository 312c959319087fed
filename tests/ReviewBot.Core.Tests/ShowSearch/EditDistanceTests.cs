using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Tests.ShowSearch;

public sealed class EditDistanceTests
{
    [Fact]
    public void BitParallelLevenshtein_SameAsTheTable()
    {
        var random = new Random(7);
        const string alphabet = "abcdeé1";
        Span<ulong> peq = stackalloc ulong[128];
        for (var i = 0; i < 5000; i++)
        {
            var a = new string(Enumerable.Range(0, random.Next(1, 70)).Select(_ => alphabet[random.Next(i % 10 == 0 ? alphabet.Length - 1 : 5)]).ToArray());
            var b = new string(Enumerable.Range(0, random.Next(0, 70)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            var expected = EditDistance.Levenshtein(a, b);
            if (EditDistance.TryPreparePattern(a, peq))
            {
                Assert.Equal(expected, EditDistance.BitParallelLevenshtein(peq, a.Length, b));
            }
            else
            {
                Assert.True(a.Length > 64 || a.Any(c => c >= 128));
            }

            var cap = random.Next(0, 10);
            var bounded = EditDistance.BoundedLevenshtein(a, b, cap);
            Assert.True(expected <= cap ? bounded == expected : bounded > cap);
            if (EditDistance.TryPreparePattern(a, peq))
            {
                var bitParallel = EditDistance.BitParallelLevenshtein(peq, a.Length, b, cap);
                Assert.True(expected <= cap ? bitParallel == expected : bitParallel > cap);
            }
        }
    }
}
