using System.Buffers.Binary;
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

        Assert.True(palette.Exact);
        Assert.Equal(3, ColourType(png));
        Assert.Equal(pixels, Decode(png, width, height));
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

    private static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            types.Add(System.Text.Encoding.ASCII.GetString(png, at + 4, 4));
            at += 12 + length;
        }

        return types;
    }
}
