using System.Numerics;

namespace ReviewBot.Core.Answers;

/// <summary>
/// Which pairs of adjacent characters a text has, hashed into 128 bits: with the typed text's pairs
/// counted per bit, it bounds how many pairs the two share (a shared bit can only over-count). Two
/// texts within edit distance d share at least (longer length - 1 - 2d) pairs, since each edit
/// breaks at most two, which rules out most titles the character counts alone let through.
/// </summary>
internal static class BigramSignature
{
    public const int Bits = 128;

    /// <summary>The signature of <paramref name="text"/>: bit Bucket(pair) of (low, high) for each pair.</summary>
    public static (ulong Low, ulong High) Of(string text)
    {
        ulong low = 0, high = 0;
        for (var i = 1; i < text.Length; i++)
        {
            var bucket = Bucket(text[i - 1], text[i]);
            if (bucket < 64)
            {
                low |= 1UL << bucket;
            }
            else
            {
                high |= 1UL << (bucket - 64);
            }
        }

        return (low, high);
    }

    /// <summary>
    /// Layers of the typed text's pairs: layer k has the bits at least k + 1 of its pairs fall in, so
    /// summing the layers' overlaps with a title's signature counts each typed pair the title may have.
    /// Returns how many layers were written to <paramref name="layers"/> (2 entries each); <paramref name="layers"/>
    /// needs 2 × max(1, text length) entries.
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

        layers[..(2 * deepest)].Clear();
        for (var bucket = 0; bucket < Bits; bucket++)
        {
            for (var k = 0; k < counts[bucket]; k++)
            {
                layers[(2 * k) + (bucket >> 6)] |= 1UL << bucket;
            }
        }

        return deepest;
    }

    /// <summary>At most how many of the typed text's pairs (with repeats) a title with this signature shares.</summary>
    public static int MaxShared(ReadOnlySpan<ulong> layers, int depth, ulong low, ulong high)
    {
        var shared = 0;
        for (var k = 0; k < depth; k++)
        {
            shared += BitOperations.PopCount(layers[2 * k] & low) + BitOperations.PopCount(layers[(2 * k) + 1] & high);
        }

        return shared;
    }

    private static int Bucket(char first, char second) => (int)((((uint)first << 16) | second) * 2654435761u >> 25);
}
