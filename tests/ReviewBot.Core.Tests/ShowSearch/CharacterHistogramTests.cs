using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core.Tests.ShowSearch;

public sealed class CharacterHistogramTests
{
    /// <summary>
    /// Packed, a title's counts give exactly the common characters while every count fits four bits
    /// and neither text has a character of the shared buckets (digits 6-9, anything a slug lacks),
    /// and never fewer otherwise (fewer would rule out a title that could match).
    /// </summary>
    [Fact]
    public void CommonPacked_ExactWhileCountsFitAndBucketsAreTheirOwn_NeverLessAfter()
    {
        var random = new Random(20261206);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz012345" + "6789éß-_";
        for (var round = 0; round < 5000; round++)
        {
            var own = round % 3 == 0 ? alphabet[..32] : alphabet;
            var typed = Text(random, own, random.Next(0, 88));
            var title = Text(random, round % 2 == 0 ? own : alphabet[..3], random.Next(0, 88));
            CharacterHistogram.Load(typed, out var w0, out var w1, out var w2);
            var full = new byte[CharacterHistogram.Size];
            CharacterHistogram.Fill(title, full);
            var packed = new byte[CharacterHistogram.PackedSize];
            CharacterHistogram.FillPacked(title, packed);

            var exact = CharacterHistogram.Common(w0, w1, w2, full);
            var fromPacked = CharacterHistogram.CommonPacked(w0, w1, w2, packed);
            var typedFull = new byte[CharacterHistogram.Size];
            CharacterHistogram.Fill(typed, typedFull);
            var shared = full.Skip(32).Any(count => count > 0) || typedFull.Skip(32).Any(count => count > 0);
            if (!shared && full.All(count => count < 15))
            {
                Assert.Equal(exact, fromPacked);
            }
            else
            {
                Assert.InRange(fromPacked, exact, typed.Length);
            }
        }
    }

    [Fact]
    public void CommonPacked_EveryBucketInItsPlace()
    {
        for (var bucket = 0; bucket < CharacterHistogram.Size; bucket++)
        {
            var full = new byte[CharacterHistogram.Size];
            full[bucket] = 3;
            var text = TextOf(full);
            var packed = new byte[CharacterHistogram.PackedSize];
            CharacterHistogram.FillPacked(text, packed);
            CharacterHistogram.Load(text, out var w0, out var w1, out var w2);

            Assert.Equal(3, CharacterHistogram.CommonPacked(w0, w1, w2, packed));
            CharacterHistogram.Load("", out var e0, out var e1, out var e2);
            Assert.Equal(0, CharacterHistogram.CommonPacked(e0, e1, e2, packed));
        }
    }

    private static string Text(Random random, string alphabet, int length) =>
        new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

    /// <summary>A text with these bucket counts: letters, digits, then Greek letters, one in each shared bucket.</summary>
    private static string TextOf(byte[] counts)
    {
        var text = new System.Text.StringBuilder();
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            var c = bucket < 26 ? (char)('a' + bucket) : bucket < 36 ? (char)('0' + bucket - 26) : (char)(960 + (bucket - 36));
            text.Append(c, counts[bucket]);
        }

        return text.ToString();
    }
}
