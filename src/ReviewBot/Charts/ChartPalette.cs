using System.Runtime.InteropServices;

namespace ReviewBot.Charts;

/// <summary>
/// At most 256 colours for an image's pixels, and the palette index of each colour in it, for an
/// indexed PNG (<see cref="IndexedPng"/>, which indexes the pixels row by row as it writes them). A
/// chart is a few flat colours and the antialiased edges between them: the colours it draws with are
/// always kept exactly, the most frequent of the rest fill the other entries, and any colour left
/// over takes the nearest entry. An image with 256 colours or fewer is kept exactly.
/// </summary>
/// <remarks>
/// A pixel is a <see cref="uint"/> holding unpremultiplied RGBA bytes in memory order (red in the low
/// byte on a little-endian machine, as SkiaSharp's <c>Rgba8888</c> lays them out).
/// </remarks>
internal sealed class ChartPalette
{
    public const int MaxColors = 256;

    private readonly Dictionary<uint, byte> _index;

    private ChartPalette(uint[] colors, Dictionary<uint, byte> index)
    {
        Colors = Array.AsReadOnly(colors);
        _index = index;
    }

    /// <summary>The palette's colours, at most <see cref="MaxColors"/>.</summary>
    public IReadOnlyList<uint> Colors { get; }

    /// <summary>A pixel of the given channels, as <see cref="Of"/> reads pixels.</summary>
    public static uint Pixel(byte red, byte green, byte blue, byte alpha = 0xFF) =>
        MemoryMarshal.Read<uint>([red, green, blue, alpha]);

    /// <summary>
    /// The palette of <paramref name="pixels"/> (<paramref name="height"/> rows of <paramref name="width"/>
    /// pixels, <paramref name="stride"/> pixels apart), keeping <paramref name="keep"/> exactly when they occur.
    /// </summary>
    public static ChartPalette Of(ReadOnlySpan<uint> pixels, int width, int height, int stride, IReadOnlyCollection<uint> keep)
    {
        CheckImage(pixels, width, height, stride);
        var counts = Count(pixels, width, height, stride);
        var colors = Choose(counts, keep);
        var index = new Dictionary<uint, byte>(counts.Count);
        for (var i = 0; i < colors.Length; i++)
        {
            index[colors[i]] = (byte)i;
        }

        foreach (var color in counts.Keys)
        {
            if (!index.ContainsKey(color))
            {
                index[color] = Nearest(colors, color);
            }
        }

        return new ChartPalette(colors, index);
    }

    /// <summary>
    /// The palette index of each pixel of <paramref name="row"/>, a row of the image the palette was made
    /// for, into <paramref name="indexes"/>. A colour the image does not have is refused.
    /// </summary>
    public void Index(ReadOnlySpan<uint> row, Span<byte> indexes)
    {
        if (indexes.Length < row.Length)
        {
            throw new ArgumentException($"{indexes.Length} indexes are fewer than the row's {row.Length} pixels.", nameof(indexes));
        }

        if (row.IsEmpty)
        {
            return;
        }

        var last = row[0];
        var lastIndex = IndexOf(last, nameof(row));
        for (var x = 0; x < row.Length; x++)
        {
            // Flat areas repeat a colour along the row: look it up once per run.
            if (row[x] != last)
            {
                last = row[x];
                lastIndex = IndexOf(last, nameof(row));
            }

            indexes[x] = lastIndex;
        }
    }

    private byte IndexOf(uint color, string parameter)
    {
        if (_index.TryGetValue(color, out var index))
        {
            return index;
        }

        Span<byte> channels = stackalloc byte[4];
        MemoryMarshal.Write(channels, color);
        throw new ArgumentException($"The colour #{Convert.ToHexString(channels)} (RGBA) is not in the image this palette was made for.", parameter);
    }

    /// <summary>Refuses an image whose rows <paramref name="pixels"/> do not hold.</summary>
    internal static void CheckImage(ReadOnlySpan<uint> pixels, int width, int height, int stride)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfLessThan(stride, width);
        if (pixels.Length < ((long)stride * (height - 1)) + width)
        {
            throw new ArgumentException($"{pixels.Length} pixels hold fewer than {height} rows of {width} at a stride of {stride}.", nameof(pixels));
        }
    }

    private static Dictionary<uint, int> Count(ReadOnlySpan<uint> pixels, int width, int height, int stride)
    {
        var counts = new Dictionary<uint, int>();
        for (var y = 0; y < height; y++)
        {
            var row = pixels.Slice(y * stride, width);
            var x = 0;
            while (x < width)
            {
                var color = row[x];
                var run = 1;
                while (x + run < width && row[x + run] == color)
                {
                    run++;
                }

                counts[color] = counts.GetValueOrDefault(color) + run;
                x += run;
            }
        }

        return counts;
    }

    /// <summary>The colours to keep: <paramref name="keep"/> where drawn, then the most frequent (ties by value, so a chart always gets the same palette).</summary>
    private static uint[] Choose(Dictionary<uint, int> counts, IReadOnlyCollection<uint> keep)
    {
        if (counts.Count <= MaxColors)
        {
            return [.. counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).Select(c => c.Key)];
        }

        var chosen = keep.Where(counts.ContainsKey).Distinct().Take(MaxColors).ToList();
        var taken = chosen.ToHashSet();
        chosen.AddRange(counts
            .Where(c => !taken.Contains(c.Key))
            .OrderByDescending(c => c.Value)
            .ThenBy(c => c.Key)
            .Take(MaxColors - chosen.Count)
            .Select(c => c.Key));
        return [.. chosen];
    }

    private static byte Nearest(uint[] colors, uint color)
    {
        var best = 0;
        var bestDistance = long.MaxValue;
        for (var i = 0; i < colors.Length; i++)
        {
            var distance = Distance(colors[i], color);
            if (distance < bestDistance)
            {
                best = i;
                bestDistance = distance;
            }
        }

        return (byte)best;
    }

    /// <summary>Squared distance over the four channels: the measure by which a colour takes its nearest entry.</summary>
    internal static long Distance(uint a, uint b)
    {
        long sum = 0;
        for (var shift = 0; shift < 32; shift += 8)
        {
            var d = (int)((a >> shift) & 0xFF) - (int)((b >> shift) & 0xFF);
            sum += d * d;
        }

        return sum;
    }
}
