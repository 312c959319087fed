using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace ReviewBot.Charts;

/// <summary>
/// The typeface chart labels are drawn with. The Linux native library without dependencies cannot ask
/// fontconfig for a font, so a common sans-serif file is looked up where distributions install one;
/// without any, charts are drawn without text (bars and the average line still read).
/// </summary>
public sealed class ChartFont : IDisposable
{
    private static readonly string[] Candidates =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/noto/NotoSans-Regular.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    public ChartFont(ILogger<ChartFont> logger)
    {
        foreach (var path in Candidates.Where(File.Exists))
        {
            if (SKTypeface.FromFile(path) is { } typeface)
            {
                Typeface = typeface;
                logger.LogDebug("Charts use the font {FontFile}", path);
                return;
            }
        }

        logger.LogWarning("No font found for chart labels (looked for DejaVu Sans, Liberation Sans, Noto Sans); charts are drawn without text");
    }

    /// <summary>Null when no font was found: draw no text.</summary>
    public SKTypeface? Typeface { get; }

    public void Dispose() => Typeface?.Dispose();
}
