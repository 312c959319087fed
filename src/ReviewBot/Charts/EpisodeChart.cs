using System.Globalization;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Reviews;
using SkiaSharp;

namespace ReviewBot.Charts;

/// <summary>
/// A season's episode scores as a PNG: one bar per episode coloured by score, the average as a dashed
/// line, episode numbers below and the scale at the side. The card is opaque and dark with light text,
/// so it reads the same on Discord's dark and light themes; the canvas is twice the size Discord shows
/// an embed image at, and the text is large, so it stays legible when a phone scales it down.
/// </summary>
public sealed class EpisodeChart(ChartFont font) : IReviewChartDrawer
{
    public const string FileName = "chart.png";

    public const int Width = 1000;

    public const int Height = 440;

    private const float Left = 86;
    private const float Right = 28;
    private const float Top = 80;
    private const float Bottom = 72;

    /// <summary>How tall the unscored episode's stub is, and the lowest a scored bar is drawn.</summary>
    private const float StubHeight = 6;

    private static readonly SKColor Background = new(0x1E, 0x1F, 0x22);
    private static readonly SKColor Grid = new(0x4E, 0x50, 0x58);
    private static readonly SKColor Text = new(0xF2, 0xF3, 0xF5);
    private static readonly SKColor Muted = new(0xB5, 0xBA, 0xC1);
    private static readonly SKColor AverageLine = new(0x00, 0xC8, 0xFF);
    private static readonly SKColor Unscored = new(0x6D, 0x6F, 0x78);

    /// <summary>The bars' colours by score, high to low: 80% and up, 60%, 40%, below.</summary>
    private static readonly SKColor[] ScoreColors =
    [
        new(0x3B, 0xD6, 0x7F),
        new(0xF5, 0xC8, 0x1D),
        new(0xF0, 0x8C, 0x2E),
        new(0xF0, 0x5A, 0x4B),
    ];

    /// <summary>Every colour the card is drawn with, kept exactly in its palette (the blends at their edges may be rounded).</summary>
    private static readonly uint[] DrawnColors =
        [.. new[] { Background, Grid, Text, Muted, AverageLine, Unscored }.Concat(ScoreColors).Select(c => ChartPalette.Pixel(c.Red, c.Green, c.Blue, c.Alpha))];

    public byte[]? Draw(IReadOnlyList<EpisodeEntry> episodes) => Render(episodes, EpisodeScores.Average(episodes));

    /// <summary>Null when no episode has a score: there is nothing to draw.</summary>
    public byte[]? Render(IReadOnlyList<EpisodeEntry> episodes, Score? average)
    {
        var sameScale = EpisodeScores.OnCommonScale(episodes);
        if (sameScale.Count == 0)
        {
            return null;
        }

        var scale = average?.Scale ?? sameScale[0].Score!.Scale;
        if (scale <= 0)
        {
            return null;
        }

        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(Background);
        using var titleFont = Font(38);
        using var labelFont = Font(32);
        var plot = new SKRect(Left, Top, Width - Right, Height - Bottom);

        DrawTitle(canvas, titleFont, episodes.Count, average);
        DrawGrid(canvas, labelFont, plot, scale);
        DrawBars(canvas, labelFont, plot, episodes, scale);
        if (average is not null)
        {
            DrawAverage(canvas, labelFont, plot, average.Value / scale);
        }

        // An indexed PNG: a third of the bytes of Skia's RGBA one for the same card, which every /review
        // that shows it reads from the store and uploads. The card is opaque, so its premultiplied pixels
        // are the unpremultiplied ones the palette takes.
        using var pixmap = surface.PeekPixels()
            ?? throw new InvalidOperationException("The chart's raster surface has no pixels to read.");
        var pixels = pixmap.GetPixelSpan<uint>();
        var stride = pixmap.RowBytes / sizeof(uint);
        return IndexedPng.Write(pixels, Width, Height, stride, ChartPalette.Of(pixels, Width, Height, stride, DrawnColors));
    }

    private SKFont? Font(float size) => font.Typeface is { } typeface ? new SKFont(typeface, size) { Edging = SKFontEdging.Antialias } : null;

    private static void DrawTitle(SKCanvas canvas, SKFont? titleFont, int count, Score? average)
    {
        if (titleFont is null)
        {
            return;
        }

        using var paint = new SKPaint { Color = Text, IsAntialias = true };
        var text = string.Create(CultureInfo.InvariantCulture, $"Episode scores · {count} episodes");
        if (average is not null)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" · average {average.Value:0.0}/{average.Scale:0.##}");
        }

        canvas.DrawText(text, Left - 56, 52, SKTextAlign.Left, titleFont, paint);
    }

    private static void DrawGrid(SKCanvas canvas, SKFont? labelFont, SKRect plot, double scale)
    {
        using var line = new SKPaint { Color = Grid, StrokeWidth = 2, IsAntialias = true, Style = SKPaintStyle.Stroke };
        using var label = new SKPaint { Color = Muted, IsAntialias = true };
        var step = scale <= 5 ? 1 : scale <= 10 ? 2 : Math.Ceiling(scale / 5);
        for (var value = 0.0; value <= scale + 1e-9; value += step)
        {
            var y = Y(plot, value / scale);
            canvas.DrawLine(plot.Left, y, plot.Right, y, line);
            if (labelFont is not null)
            {
                canvas.DrawText(value.ToString("0.##", CultureInfo.InvariantCulture), plot.Left - 14, y + 11, SKTextAlign.Right, labelFont, label);
            }
        }
    }

    private static void DrawBars(SKCanvas canvas, SKFont? labelFont, SKRect plot, IReadOnlyList<EpisodeEntry> episodes, double scale)
    {
        var slot = plot.Width / episodes.Count;
        var barWidth = Math.Max(2f, slot * 0.72f);
        var labels = labelFont is null ? null : new EpisodeLabels(labelFont, slot, episodes.Max(e => e.Number));
        using var label = new SKPaint { Color = Muted, IsAntialias = true };
        for (var i = 0; i < episodes.Count; i++)
        {
            var episode = episodes[i];
            var x = plot.Left + (slot * i) + ((slot - barWidth) / 2);
            if (episode.Score is { } score)
            {
                var ratio = score.Scale > 0 ? Math.Clamp(score.Value / score.Scale, 0, 1) : 0;
                // Never shorter than the unscored stub: a bar as tall as 0/5 would be none, and the
                // episode would look less there than one without a score.
                var top = Math.Min(Y(plot, ratio), plot.Bottom - StubHeight);
                using var bar = new SKPaint { Color = ColorFor(ratio), IsAntialias = true };
                canvas.DrawRoundRect(new SKRect(x, top, x + barWidth, plot.Bottom), Math.Min(6, barWidth / 4), Math.Min(6, barWidth / 4), bar);
            }
            else
            {
                // Not scored: a grey stub, so the episode is visibly there but not rated.
                using var stub = new SKPaint { Color = Unscored, IsAntialias = true };
                canvas.DrawRect(new SKRect(x, plot.Bottom - StubHeight, x + barWidth, plot.Bottom), stub);
            }

            if (labels is not null && labels.Place(episode.Number, i == 0, x + (barWidth / 2)) is { } centre)
            {
                canvas.DrawText(episode.Number.ToString(CultureInfo.InvariantCulture), centre, plot.Bottom + 42, SKTextAlign.Center, labelFont, label);
            }
        }
    }

    /// <summary>
    /// Where the episode numbers under the bars go. Every n-th episode is labelled, n from 1, 2, 5, 10,
    /// 20, 50 … so that the slots between two labels hold the widest number as this font draws it; a
    /// label that would still touch the one before (the first episode's, episodes numbered with gaps) is
    /// left out, and one at either end is moved inside the card rather than cut by its edge. Spaced for
    /// two-digit numbers alone, a season of hundreds of episodes, or one numbered in the thousands, ran
    /// its numbers together into one unreadable band.
    /// </summary>
    private sealed class EpisodeLabels
    {
        /// <summary>Clear space between two labels.</summary>
        private const float Gap = 16;

        /// <summary>How far a label stays from the card's edges.</summary>
        private const float Margin = 4;

        private readonly SKFont _font;
        private readonly int _every;
        private float _lastRight = float.NegativeInfinity;

        public EpisodeLabels(SKFont font, float slot, int highest)
        {
            _font = font;
            var widest = font.MeasureText(highest.ToString(CultureInfo.InvariantCulture)) + Gap;
            _every = 1;
            for (var step = 0; slot * _every < widest && _every < int.MaxValue / 10; step++)
            {
                _every = step % 3 == 1 ? _every / 2 * 5 : _every * 2;
            }
        }

        /// <summary>The centre to draw episode <paramref name="number"/>'s label at, or null when it is not labelled.</summary>
        public float? Place(int number, bool first, float centre)
        {
            if (!first && number % _every != 0)
            {
                return null;
            }

            var half = _font.MeasureText(number.ToString(CultureInfo.InvariantCulture)) / 2;
            centre = Math.Clamp(centre, half + Margin, Math.Max(half + Margin, Width - half - Margin));
            if (centre - half < _lastRight + Gap)
            {
                return null;
            }

            _lastRight = centre + half;
            return centre;
        }
    }

    private static void DrawAverage(SKCanvas canvas, SKFont? labelFont, SKRect plot, double ratio)
    {
        var y = Y(plot, Math.Clamp(ratio, 0, 1));
        using var effect = SKPathEffect.CreateDash([18, 10], 0);
        using var line = new SKPaint { Color = AverageLine, StrokeWidth = 4, IsAntialias = true, Style = SKPaintStyle.Stroke, PathEffect = effect };
        canvas.DrawLine(plot.Left, y, plot.Right, y, line);
        if (labelFont is not null)
        {
            using var label = new SKPaint { Color = AverageLine, IsAntialias = true };
            canvas.DrawText("avg", plot.Right - 4, y - 12, SKTextAlign.Right, labelFont, label);
        }
    }

    private static float Y(SKRect plot, double ratio) => (float)(plot.Bottom - (ratio * plot.Height));

    /// <summary>The verdict colours of the embeds, lightened enough to stand out on the dark card.</summary>
    private static SKColor ColorFor(double ratio) => ratio switch
    {
        >= 0.8 => ScoreColors[0],
        >= 0.6 => ScoreColors[1],
        >= 0.4 => ScoreColors[2],
        _ => ScoreColors[3],
    };
}
