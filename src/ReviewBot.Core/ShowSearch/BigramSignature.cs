using System.Numerics;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// Which pairs of adjacent characters a text has, hashed into 256 bits: with the typed text's pairs
/// counted per bit, it bounds how many pairs the two share (a shared bit can only over-count). Two
/// texts within edit distance d share at least (longer length - 1 - 2d) pairs, since each edit
/// breaks at most two, which rules out most titles the character counts alone let through.
/// </summary>
internal static class BigramSignature
{
    /// <summary>Machine words per signature (256 bits: at 128, bits shared by chance let about twice as many through).</summary>
    public const int Words = 4;

    private const int Bits = Words * 64;

    /// <summary>Writes the signature of <paramref name="text"/> into <paramref name="signature"/> (<see cref="Words"/> entries).</summary>
    public static void Fill(string text, Span<ulong> signature)
    {
        signature[..Words].Clear();
        for (var i = 1; i < text.Length; i++)
        {
            var bucket = Bucket(text[i - 1], text[i]);
            signature[bucket >> 6] |= 1UL << bucket;
        }
    }

    /// <summary>
    /// Layers of the typed text's pairs: layer k has the bits at least k + 1 of its pairs fall in, so
    /// summing the layers' overlaps with a title's signature counts each typed pair the title may have.
    /// Returns how many layers were written to <paramref name="layers"/> (<see cref="Words"/> entries
    /// each); it needs <see cref="Words"/> × max(1, text length) entries.
    /// </summary>
    public static int Layers(string text, Span<ulong> layers)
    {
        Span<byte> counts = stackalloc byte[Bits];
        counts.Clear();
        var deepest = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var bucket = Bucket(text[i - 1], text[i]);
            if (counts[bucket] < byte.MaxValue)
            {
                counts[bucket]++;
            }

            deepest = Math.Max(deepest, counts[bucket]);
        }

        layers[..(Words * deepest)].Clear();
        for (var bucket = 0; bucket < Bits; bucket++)
        {
            for (var k = 0; k < counts[bucket]; k++)
            {
                layers[(Words * k) + (bucket >> 6)] |= 1UL << bucket;
            }
        }

        return deepest;
    }

    /// <summary>At most how many of the typed text's pairs (with repeats) a title with this signature shares.</summary>
    public static int MaxShared(ReadOnlySpan<ulong> layers, int depth, ReadOnlySpan<ulong> signature)
    {
        var shared = 0;
        for (var k = 0; k < depth; k++)
        {
            var layer = layers.Slice(Words * k, Words);
            shared += BitOperations.PopCount(layer[0] & signature[0]) + BitOperations.PopCount(layer[1] & signature[1])
                + BitOperations.PopCount(layer[2] & signature[2]) + BitOperations.PopCount(layer[3] & signature[3]);
        }

        return shared;
    }

    private static int Bucket(char first, char second) => (int)((((uint)first << 16) | second) * 2654435761u >> 24);
}
