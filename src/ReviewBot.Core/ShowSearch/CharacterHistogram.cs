using System.Runtime.InteropServices;
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

    /// <summary>Bytes per packed histogram (<see cref="FillPacked"/>): four bits a bucket.</summary>
    public const int PackedSize = Size / 2;

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
    /// The text's histogram in four bits a bucket (<see cref="PackedSize"/> bytes), for the many
    /// histograms an index holds. A count too large for four bits is held as "this many or more",
    /// which <see cref="CommonPacked"/> reads as unbounded: the bound it gives can then only be
    /// looser, never wrong. Byte i holds bucket i (low four bits) and bucket i + 16 for i &lt; 16,
    /// then bucket 16 + i and bucket 24 + i for the last eight bytes, so the buckets unpack in order.
    /// </summary>
    public static void FillPacked(string text, Span<byte> packed)
    {
        Span<byte> histogram = stackalloc byte[Size];
        histogram.Clear();
        Fill(text, histogram);
        for (var i = 0; i < 16; i++)
        {
            packed[i] = (byte)(Math.Min(histogram[i], PackedMost) | (Math.Min(histogram[i + 16], PackedMost) << 4));
        }

        for (var i = 0; i < 8; i++)
        {
            packed[16 + i] = (byte)(Math.Min(histogram[32 + i], PackedMost) | (Math.Min(histogram[40 + i], PackedMost) << 4));
        }
    }

    /// <summary>
    /// <see cref="Common"/> against a packed histogram. A bucket held as "this many or more" counts
    /// all of the other text's characters in it. The typed text is a slug's words, never more
    /// characters than a byte counts, so the total still fits the byte lanes it is summed in.
    /// </summary>
    public static int CommonPacked(Vector128<byte> w0, Vector128<byte> w1, Vector128<byte> w2, ReadOnlySpan<byte> packed)
    {
        // The last eight bytes as one machine word: 64-bit vectors are not accelerated everywhere.
        const ulong LowNibbles = 0x0F0F0F0F0F0F0F0F;
        var first = Vector128.Create<byte>(packed[..16]);
        var last = MemoryMarshal.Read<ulong>(packed.Slice(16, 8)); // native order, as AsByte reads it back
        var t0 = first & Vector128.Create((byte)0x0F);
        var t1 = Vector128.ShiftRightLogical(first, 4);
        var t2 = Vector128.Create(last & LowNibbles, (last >> 4) & LowNibbles).AsByte();

        // A saturated bucket becomes all ones, so the minimum takes the other side's count.
        var most = Vector128.Create(PackedMost);
        t0 |= Vector128.Equals(t0, most);
        t1 |= Vector128.Equals(t1, most);
        t2 |= Vector128.Equals(t2, most);
        var sum = Vector128.Min(w0, t0) + Vector128.Min(w1, t1) + Vector128.Min(w2, t2);
        return Vector128.Sum(sum);
    }
}
