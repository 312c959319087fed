using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Charts;
using ReviewBot.Core.Reviews;
using SkiaSharp;

namespace ReviewBot.Tests.Charts;

public sealed class EpisodeChartTests
{
    private static readonly ChartFont Font = new(NullLogger<ChartFont>.Instance);

    [Fact]
    public void Render_ScoredEpisodes_IsAPngWithABarPerEpisodeUpToItsScore()
    {
        var episodes = new[] { Episode(1, 5), Episode(2, 1), Episode(3, null), Episode(4, 2.5) };

        var png = new EpisodeChart(Font).Render(episodes, new Score(2.8, 5))!;

        using var bitmap = SKBitmap.Decode(png);
        Assert.Equal((EpisodeChart.Width, EpisodeChart.Height), (bitmap.Width, bitmap.Height));
        var background = bitmap.GetPixel(5, EpisodeChart.Height - 5);
        // Episode 1 (5/5) fills its slot to the top of the plot; episode 2 (1/5) leaves it empty there.
        var slot = (EpisodeChart.Width - 86 - 28) / 4f;
        var high = 80 + 20;
        Assert.NotEqual(background, bitmap.GetPixel((int)(86 + (slot * 0.5f)), high));
        Assert.Equal(background, bitmap.GetPixel((int)(86 + (slot * 1.5f)), high));
        // Episode 4 (2.5/5) is drawn halfway up: filled just below the middle of the plot, not just above.
        var middle = 80 + ((EpisodeChart.Height - 80 - 72) / 2);
        Assert.NotEqual(background, bitmap.GetPixel((int)(86 + (slot * 3.3f)), middle + 12));
        Assert.Equal(background, bitmap.GetPixel((int)(86 + (slot * 3.3f)), middle - 40));
    }

    [Fact]
    public void Render_IsAnIndexedPng_UnderHalfTheBytesOfTheSameCardAsRgba_WithItsColoursExact()
    {
        var episodes = Enumerable.Range(1, 13).Select(n => Episode(n, (n * 7 % 11) / 2.0)).ToArray();

        var png = new EpisodeChart(Font).Render(episodes, new Score(2.6, 5))!;

        Assert.Equal(3, IndexedPngTests.ColourType(png));
        using var bitmap = SKBitmap.Decode(png);
        using var rgba = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        Assert.True(png.Length * 2 < rgba.Size, $"indexed {png.Length} bytes, RGBA {rgba.Size}");
        // The card's background and a full bar keep the colours they were drawn with.
        Assert.Equal(new SKColor(0x1E, 0x1F, 0x22), bitmap.GetPixel(5, EpisodeChart.Height - 5));
        var slot = (EpisodeChart.Width - 86 - 28) / 13f;
        var highest = episodes.MaxBy(e => e.Score!.Value)!;
        Assert.Equal(new SKColor(0x3B, 0xD6, 0x7F), bitmap.GetPixel((int)(86 + (slot * (highest.Number - 0.5f))), EpisodeChart.Height - 72 - 10));
    }

    [Fact]
    public void Render_ManyEpisodes_KeepsEveryColourItIsDrawnWithExactly()
    {
        // Sixty narrow bars in all four score bands, an unscored one and the average: far more than 256 colours at their edges.
        var episodes = Enumerable.Range(1, 60).Select(n => Episode(n, n == 30 ? null : n % 6)).ToArray();

        var png = new EpisodeChart(Font).Render(episodes, new Score(2.5, 5))!;

        using var bitmap = SKBitmap.Decode(png);
        var colors = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                colors.Add(bitmap.GetPixel(x, y));
            }
        }

        // Background, grid, average line, unscored stub and the four score bands; the title and the labels where a font was found.
        SKColor[] drawn =
        [
            new(0x1E, 0x1F, 0x22), new(0x4E, 0x50, 0x58), new(0x00, 0xC8, 0xFF), new(0x6D, 0x6F, 0x78),
            new(0x3B, 0xD6, 0x7F), new(0xF5, 0xC8, 0x1D), new(0xF0, 0x8C, 0x2E), new(0xF0, 0x5A, 0x4B),
        ];
        SKColor[] text = Font.Typeface is null ? [] : [new(0xF2, 0xF3, 0xF5), new(0xB5, 0xBA, 0xC1)];
        Assert.All(drawn.Concat(text), c => Assert.Contains(c, colors));
    }

    [Fact]
    public void Render_NoScoredEpisode_DrawsNothing()
    {
        Assert.Null(new EpisodeChart(Font).Render([Episode(1, null)], null));
    }

    [Fact]
    public void ForAnnouncement_SameScores_IsDrawnOnceAndOtherScoresAreDrawnAgain()
    {
        using var cache = TestCharts.Cache();
        var episodes = new[] { Episode(1, 3), Episode(2, 4) };

        var first = cache.ForAnnouncement(7, episodes);
        var again = cache.ForAnnouncement(7, [Episode(1, 3), Episode(2, 4)]);
        var edited = cache.ForAnnouncement(7, [Episode(1, 1), Episode(2, 4)]);

        Assert.Same(first, again);
        Assert.NotSame(first, edited);
        Assert.NotEqual(first, edited);
    }

    [Fact]
    public void Render_EpisodeScoredZero_ShowsALowBarInTheLowestColour()
    {
        // A bar as tall as its score was no bar at all for 0/5: the episode looked missing, less there
        // than an unscored one, which keeps a grey stub.
        var png = new EpisodeChart(Font).Render([Episode(1, 0), Episode(2, null), Episode(3, 5)], new Score(2.5, 5))!;

        using var bitmap = SKBitmap.Decode(png);
        var slot = (EpisodeChart.Width - 86 - 28) / 3f;
        var justAboveTheAxis = EpisodeChart.Height - 72 - 3;
        Assert.Equal(new SKColor(0xF0, 0x5A, 0x4B), bitmap.GetPixel((int)(86 + (slot * 0.5f)), justAboveTheAxis));
        Assert.Equal(new SKColor(0x6D, 0x6F, 0x78), bitmap.GetPixel((int)(86 + (slot * 1.5f)), justAboveTheAxis));
    }

    [Theory]
    [InlineData(1, 12)]
    [InlineData(1, 400)]
    [InlineData(1, 10_000)]
    [InlineData(9_901, 100)]
    public void Render_EpisodeNumbers_StaySeparateAndInsideTheCard(int first, int count)
    {
        // Labels were spaced for two-digit numbers, at most every 20th episode, and centred under their
        // bars: past 316 episodes, or with four- and five-digit numbers, they ran together into one
        // unreadable band, and the last one was cut off at the card's right edge.
        var episodes = Enumerable.Range(first, count).Select(n => Episode(n, n % 6)).ToArray();

        var png = new EpisodeChart(Font).Render(episodes, new Score(2.5, 5))!;

        using var bitmap = SKBitmap.Decode(png);
        var background = bitmap.GetPixel(5, EpisodeChart.Height - 5);
        var inked = Enumerable.Range(0, EpisodeChart.Width)
            .Select(x => Enumerable.Range(EpisodeChart.Height - 68, 64).Any(y => bitmap.GetPixel(x, y) != background))
            .ToArray();
        Assert.False(inked[0] || inked[^1], "a label runs past the card's edge");
        using var labelFont = Font.Typeface is { } typeface ? new SKFont(typeface, 32) : null;
        var widest = labelFont?.MeasureText((first + count - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) ?? 0;
        // A label's glyphs stand a few pixels apart; ink closer than 8 px to the last is the same label.
        var (start, end) = (-1, -1);
        for (var x = 0; x < inked.Length; x++)
        {
            if (!inked[x])
            {
                continue;
            }

            if (start < 0 || x - end > 8)
            {
                start = x;
            }

            end = x;
            Assert.True(end - start + 1 <= widest + 4, $"labels run together over {end - start + 1} px from x={start}; the widest is {widest:0} px");
        }
    }

    private static EpisodeEntry Episode(int number, double? score) => new(number, $"Episode {number}", score is { } s ? new Score(s, 5) : null);
}
