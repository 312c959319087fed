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

    /// <summary>Bytes per packed histogram (<see cref="FillPacked"/>): 32 buckets of four bits.</summary>
    public const int PackedSize = 16;

    /// <summary>A packed bucket's most: it stands for this many or more.</summary>
    private const byte PackedMost = 15;

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

    /// <summary>
    /// The text's histogram in 32 buckets of four bits (<see cref="PackedSize"/> bytes), for the many
    /// histograms an index holds: byte i holds bucket i (low four bits) and bucket i + 16 together
    /// with bucket i + 32. Sharing a bucket can only make the common count larger (the smaller of two
    /// sums is at least the sum of the smaller ones), and buckets 32 and up are digits 6-9 and the
    /// characters a slug never has. A count too large for four bits is held as "this many or more",
    /// which <see cref="CommonPacked"/> reads as unbounded: the bound can then only be looser too.
    /// </summary>
    public static void FillPacked(string text, Span<byte> packed)
    {
        Span<byte> histogram = stackalloc byte[Size];
        histogram.Clear();
        Fill(text, histogram);
        for (var i = 0; i < 16; i++)
        {
            var high = histogram[i + 16] + histogram[i + 32];
            packed[i] = (byte)(Math.Min(histogram[i], PackedMost) | (Math.Min(high, PackedMost) << 4));
        }
    }

    /// <summary>
    /// <see cref="Common"/> against a packed histogram, the other text's buckets shared the same way.
    /// A bucket held as "this many or more" counts all of the other text's characters in it. The
    /// typed text is a slug's words, never more characters than a byte counts, so the total still
    /// fits the byte lanes it is summed in.
    /// </summary>
    public static int CommonPacked(Vector128<byte> w0, Vector128<byte> w1, Vector128<byte> w2, ReadOnlySpan<byte> packed)
    {
        var both = Vector128.Create<byte>(packed[..PackedSize]);
        var t0 = both & Vector128.Create((byte)0x0F);
        var t1 = Vector128.ShiftRightLogical(both, 4);

        // A saturated bucket becomes all ones, so the minimum takes the other side's count.
        var most = Vector128.Create(PackedMost);
        t0 |= Vector128.Equals(t0, most);
        t1 |= Vector128.Equals(t1, most);
        var sum = Vector128.Min(w0, t0) + Vector128.Min(Vector128.AddSaturate(w1, w2), t1);
        return Vector128.Sum(sum);
    }
}
