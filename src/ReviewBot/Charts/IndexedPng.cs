using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace ReviewBot.Charts;

/// <summary>
/// Writes an 8-bit indexed-colour PNG (colour type 3) from a <see cref="ChartPalette"/>. SkiaSharp
/// encodes PNGs as RGB or RGBA only; a chart's few flat colours compress to a fraction of that size
/// as one byte per pixel. The layout follows the W3C's PNG specification: "PNG signature" and "Chunk
/// layout" for the frame, "IHDR Image header", "PLTE Palette", "IDAT Image data", "IEND Image trailer",
/// and "tRNS Transparency" for translucent palette entries.
/// </summary>
internal static class IndexedPng
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>
    /// The PNG of <paramref name="pixels"/> (<paramref name="height"/> rows of <paramref name="width"/>,
    /// <paramref name="stride"/> pixels apart, laid out as <see cref="ChartPalette"/> reads them) in the
    /// colours of <paramref name="palette"/>, which was made for these pixels.
    /// </summary>
    public static byte[] Write(ReadOnlySpan<uint> pixels, int width, int height, int stride, ChartPalette palette)
    {
        ChartPalette.CheckImage(pixels, width, height, stride);

        using var png = new MemoryStream();
        png.Write(Signature);

        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;  // bits per palette index
        header[9] = 3;  // colour type: indexed
        header[10] = 0; // compression: deflate
        header[11] = 0; // filtering: adaptive (each row names its filter)
        header[12] = 0; // no interlace
        WriteChunk(png, "IHDR"u8, header);

        var colors = palette.Colors;
        var rgb = new byte[colors.Count * 3];
        var alpha = new byte[colors.Count];
        var lastTranslucent = -1;
        Span<byte> channels = stackalloc byte[4];
        for (var i = 0; i < colors.Count; i++)
        {
            MemoryMarshal.Write(channels, colors[i]);
            channels[..3].CopyTo(rgb.AsSpan(i * 3));
            alpha[i] = channels[3];
            if (channels[3] != 0xFF)
            {
                lastTranslucent = i;
            }
        }

        WriteChunk(png, "PLTE"u8, rgb);
        if (lastTranslucent >= 0)
        {
            // Entries after the last one listed are opaque.
            WriteChunk(png, "tRNS"u8, alpha.AsSpan(0, lastTranslucent + 1));
        }

        WriteChunk(png, "IDAT"u8, Compress(pixels, width, height, stride, palette));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    /// <summary>
    /// The zlib stream of the scanlines, each with filter type 0 (none): the specification's advice for
    /// indexed-colour images ("Filter selection"), since a difference between palette indexes predicts nothing.
    /// </summary>
    private static byte[] Compress(ReadOnlySpan<uint> pixels, int width, int height, int stride, ChartPalette palette)
    {
        using var compressed = new MemoryStream();
        var scanline = new byte[width + 1];
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                scanline[0] = 0;
                palette.Index(pixels.Slice(y * stride, width), scanline.AsSpan(1));
                zlib.Write(scanline);
            }
        }

        return compressed.ToArray();
    }

    /// <summary>Length, type, data and the CRC-32 of type and data ("Chunk layout").</summary>
    private static void WriteChunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        png.Write(type);
        png.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, crc.GetCurrentHashAsUInt32());
        png.Write(number);
    }
}
