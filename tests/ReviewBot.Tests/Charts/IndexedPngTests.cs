using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using ReviewBot.Charts;
using SkiaSharp;

namespace ReviewBot.Tests.Charts;

public sealed class IndexedPngTests
{
    [Fact]
    public void Write_ImageOfFewColours_DecodesToTheSamePixelsIncludingTranslucentOnes()
    {
        uint[] colors =
        [
            ChartPalette.Pixel(0x1E, 0x1F, 0x22),
            ChartPalette.Pixel(0x3B, 0xD6, 0x7F),
            ChartPalette.Pixel(0xF0, 0x5A, 0x4B, 0x80),
            ChartPalette.Pixel(0x00, 0x00, 0x00, 0x00),
        ];
        const int width = 7, height = 5;
        var pixels = Enumerable.Range(0, width * height).Select(i => colors[(i * 7 / 3) % colors.Length]).ToArray();

        var palette = ChartPalette.Of(pixels, width, height, width, keep: []);
        var png = IndexedPng.Write(pixels, width, height, width, palette);

        Assert.Equal(3, ColourType(png));
        Assert.Equal(pixels, Decode(png, width, height));
    }

    [Fact]
    public void Write_FollowsThePngLayout_ChunkCrcsHeaderPaletteAndOneFilterBytePerScanline()
    {
        const int width = 5, height = 4;
        var pixels = Enumerable.Range(0, width * height).Select(i => ChartPalette.Pixel((byte)(i * 40), 7, 9, (byte)(i % 3 == 0 ? 0x40 : 0xFF))).ToArray();
        var palette = ChartPalette.Of(pixels, width, height, width, keep: []);

        var png = IndexedPng.Write(pixels, width, height, width, palette);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        var chunks = Chunks(png);
        foreach (var (type, data, crc) in chunks)
        {
            var expected = new Crc32();
            expected.Append(System.Text.Encoding.ASCII.GetBytes(type));
            expected.Append(data);
            Assert.Equal(expected.GetCurrentHashAsUInt32(), crc);
        }

        Assert.Equal(["IHDR", "PLTE", "tRNS", "IDAT", "IEND"], chunks.Select(c => c.Type));
        var header = chunks[0].Data;
        Assert.Equal((width, height), (BinaryPrimitives.ReadInt32BigEndian(header), BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(4))));
        Assert.Equal(new byte[] { 8, 3, 0, 0, 0 }, header[8..]);
        Assert.Equal(palette.Colors.Count * 3, chunks[1].Data.Length);
        Assert.InRange(chunks[2].Data.Length, 1, palette.Colors.Count);
        Assert.Empty(chunks[4].Data);

        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(chunks[3].Data), CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var scanlines = inflated.ToArray();
        Assert.Equal(height * (width + 1), scanlines.Length);
        Assert.All(Enumerable.Range(0, height), y => Assert.Equal(0, scanlines[y * (width + 1)]));
    }

    [Fact]
    public void Write_OpaqueImage_HasNoTransparencyChunk()
    {
        uint[] pixels = [ChartPalette.Pixel(1, 2, 3), ChartPalette.Pixel(4, 5, 6), ChartPalette.Pixel(1, 2, 3), ChartPalette.Pixel(7, 8, 9)];

        var png = IndexedPng.Write(pixels, 2, 2, 2, ChartPalette.Of(pixels, 2, 2, 2, keep: []));

        Assert.Equal(["IHDR", "PLTE", "IDAT", "IEND"], ChunkTypes(png));
        Assert.Equal(pixels, Decode(png, 2, 2));
    }

    [Fact]
    public void Write_RowsFartherApartThanTheirWidth_WritesOnlyTheImage()
    {
        var a = ChartPalette.Pixel(10, 20, 30);
        var b = ChartPalette.Pixel(200, 100, 50);
        var padding = ChartPalette.Pixel(255, 0, 255);
        uint[] pixels = [a, b, padding, b, a, padding, a, a];

        var png = IndexedPng.Write(pixels, 2, 3, 3, ChartPalette.Of(pixels, 2, 3, 3, keep: []));

        Assert.Equal([a, b, b, a, a, a], Decode(png, 2, 3));
    }

    [Fact]
    public void Write_FewerPixelsThanTheRowsNeed_IsRefused()
    {
        uint[] pixels = [ChartPalette.Pixel(1, 2, 3), ChartPalette.Pixel(1, 2, 3)];
        var palette = ChartPalette.Of(pixels, 2, 1, 2, keep: []);

        var error = Assert.Throws<ArgumentException>(() => IndexedPng.Write(pixels, 2, 2, 2, palette));

        Assert.Contains("2 pixels hold fewer than 2 rows of 2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The pixels a PNG decoder reads back, as unpremultiplied RGBA in the palette's pixel layout.</summary>
    internal static uint[] Decode(byte[] png, int width, int height)
    {
        using var bitmap = SKBitmap.Decode(png, new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        Assert.NotNull(bitmap);
        var decoded = new uint[width * height];
        for (var y = 0; y < height; y++)
        {
            MemoryMarshal.Cast<byte, uint>(bitmap.GetPixelSpan()[(y * bitmap.RowBytes)..])[..width].CopyTo(decoded.AsSpan(y * width));
        }

        return decoded;
    }

    /// <summary>IHDR's colour type: 3 for indexed colour, 6 for RGBA (the byte after bit depth, 25 bytes in).</summary>
    internal static byte ColourType(byte[] png) => png[25];

    private static List<string> ChunkTypes(byte[] png) => [.. Chunks(png).Select(c => c.Type)];

    private static List<(string Type, byte[] Data, uint Crc)> Chunks(byte[] png)
    {
        var chunks = new List<(string, byte[], uint)>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            chunks.Add((System.Text.Encoding.ASCII.GetString(png, at + 4, 4), png[(at + 8)..(at + 8 + length)], BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(at + 8 + length))));
            at += 12 + length;
        }

        return chunks;
    }
}
