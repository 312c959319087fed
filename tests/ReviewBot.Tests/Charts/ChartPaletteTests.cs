using ReviewBot.Charts;

namespace ReviewBot.Tests.Charts;

public sealed class ChartPaletteTests
{
    [Fact]
    public void Of_MoreColoursThanAPaletteHolds_KeepsTheDrawnOnesAndGivesEveryOtherItsNearestEntry()
    {
        // 300 colours, each drawn twice, and one drawn colour drawn once: the rarest, kept all the same.
        var drawn = ChartPalette.Pixel(0xF0, 0x5A, 0x4B);
        var pixels = Enumerable.Range(0, 600).Select(i => Shade(i / 2)).Append(drawn).ToArray();

        var palette = ChartPalette.Of(pixels, pixels.Length, 1, pixels.Length, keep: [drawn]);
        var indexes = new byte[pixels.Length];
        palette.Index(pixels, indexes);

        Assert.Equal(ChartPalette.MaxColors, palette.Colors.Count);
        Assert.Equal(palette.Colors.Count, palette.Colors.Distinct().Count());
        Assert.Equal(drawn, palette.Colors[indexes[^1]]);
        for (var i = 0; i < pixels.Length; i++)
        {
            var nearest = palette.Colors.Min(c => ChartPalette.Distance(c, pixels[i]));
            Assert.Equal(nearest, ChartPalette.Distance(palette.Colors[indexes[i]], pixels[i]));
        }
    }

    [Fact]
    public void Of_MoreColoursThanAPaletteHolds_KeepsTheMostFrequentBeforeTheRare()
    {
        // 400 colours: the first 250 drawn three times each, the other 150 once (given first, so order alone would keep them).
        var rare = Enumerable.Range(250, 150).Select(Shade).ToList();
        var frequent = Enumerable.Range(0, 250).Select(Shade).ToList();
        var pixels = rare.Concat(frequent.SelectMany(c => new[] { c, c, c })).ToArray();

        var palette = ChartPalette.Of(pixels, pixels.Length, 1, pixels.Length, keep: []);

        Assert.Equal(ChartPalette.MaxColors, palette.Colors.Count);
        Assert.All(frequent, c => Assert.Contains(c, palette.Colors));
        Assert.Equal(ChartPalette.MaxColors - frequent.Count, rare.Count(palette.Colors.Contains));
    }

    [Fact]
    public void Of_AKeptColourTheImageDoesNotHave_TakesNoEntry()
    {
        var pixels = Enumerable.Range(0, 300).Select(Shade).ToArray();
        var absent = ChartPalette.Pixel(1, 2, 3, 4);

        var palette = ChartPalette.Of(pixels, pixels.Length, 1, pixels.Length, keep: [absent]);

        Assert.DoesNotContain(absent, palette.Colors);
        Assert.Equal(ChartPalette.MaxColors, palette.Colors.Count);
    }

    [Fact]
    public void Of_RowsFartherApartThanTheirWidth_ReadsOnlyTheImage()
    {
        var image = ChartPalette.Pixel(10, 20, 30);
        var padding = ChartPalette.Pixel(255, 0, 255);
        uint[] pixels = [image, image, padding, image, image, padding, image, image];

        var palette = ChartPalette.Of(pixels, 2, 3, 3, keep: [padding]);

        Assert.Equal([image], palette.Colors);
    }

    [Fact]
    public void Index_AColourTheImageDoesNotHave_IsRefused()
    {
        var palette = ChartPalette.Of([ChartPalette.Pixel(10, 20, 30)], 1, 1, 1, keep: []);

        var error = Assert.Throws<ArgumentException>(() => palette.Index([ChartPalette.Pixel(10, 20, 31)], new byte[1]));

        Assert.Contains("not in the image this palette was made for", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Of_FewerPixelsThanTheRowsNeed_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => ChartPalette.Of(new uint[7], 3, 3, 3, keep: []));

        Assert.Contains("7 pixels hold fewer than 3 rows of 3", error.Message, StringComparison.Ordinal);
    }

    private static uint Shade(int level) => ChartPalette.Pixel((byte)level, (byte)(level / 2), 40);
}
