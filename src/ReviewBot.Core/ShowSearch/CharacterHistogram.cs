using System.Runtime.Intrinsics;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// How many of each character a text has, in <see cref="Size"/> buckets: a-z, 0-9, then 12 shared by
/// anything else. Two texts' histograms bound their edit distance from below: every character of the
/// longer text without an equal one in the other costs at least one edit.
/// </summary>
internal static class CharacterHistogram
{
    /// <summary>Buckets per histogram: 26 letters, 10 digits, 12 for the rest.</summary>
    public const int Size = 48;

    /// <summary>Adds the text's characters to <paramref name="histogram"/> (<see cref="Size"/> entries).</summary>
    public static void Fill(string text, Span<byte> histogram)
    {
        foreach (var c in text)
        {
            var bucket = c switch
            {
                >= 'a' and <= 'z' => c - 'a',
                >= '0' and <= '9' => 26 + (c - '0'),
                _ => 36 + (c % 12),
            };

            // Saturate: a count above 255 (only in a very long query) then undercounts nothing
            // that matters, since a title's own count for the bucket is far below it.
            if (histogram[bucket] < byte.MaxValue)
            {
                histogram[bucket]++;
            }
        }
    }

    /// <summary>The text's histogram in three vectors, ready for <see cref="Common"/>.</summary>
    public static void Load(string text, out Vector128<byte> w0, out Vector128<byte> w1, out Vector128<byte> w2)
    {
        Span<byte> histogram = stackalloc byte[Size];
        Fill(text, histogram);
        w0 = Vector128.Create<byte>(histogram[..16]);
        w1 = Vector128.Create<byte>(histogram.Slice(16, 16));
        w2 = Vector128.Create<byte>(histogram.Slice(32, 16));
    }

    /// <summary>
    /// How many characters the two texts have in common as multisets (shared buckets can only make
    /// it larger). Edit distance is at least the longer length minus this.
    /// </summary>
    public static int Common(Vector128<byte> w0, Vector128<byte> w1, Vector128<byte> w2, ReadOnlySpan<byte> histogram)
    {
        var sum = Vector128.Min(w0, Vector128.Create<byte>(histogram[..16]))
            + Vector128.Min(w1, Vector128.Create<byte>(histogram.Slice(16, 16)))
            + Vector128.Min(w2, Vector128.Create<byte>(histogram.Slice(32, 16)));

        // Titles' tokens are at most ~90 characters, so no lane or total can pass 255.
        return Vector128.Sum(sum);
    }
}
