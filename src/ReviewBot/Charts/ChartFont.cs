using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace ReviewBot.Charts;

/// <summary>
/// The typeface chart labels are drawn with. The Linux native library without dependencies cannot ask
/// fontconfig for a font, so a common sans-serif file is looked up where distributions install one;
/// without any, charts are drawn without text (bars and the average line still read). Looked up on
/// the first drawing, not when the services are built: a process that draws nothing (a gateway
/// process whose reviews' charts are all stored, a worker without the sources duty) then never loads
/// the native graphics library nor maps the font, which would otherwise stay resident for its life.
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

    private readonly Lazy<SKTypeface?> _typeface;

    public ChartFont(ILogger<ChartFont> logger) =>
        _typeface = new Lazy<SKTypeface?>(() => Load(logger), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Null when no font was found: draw no text.</summary>
    public SKTypeface? Typeface => _typeface.Value;

    /// <summary>True once the font has been looked up (the first drawing).</summary>
    public bool IsLoaded => _typeface.IsValueCreated;

    public void Dispose()
    {
        if (_typeface.IsValueCreated)
        {
            _typeface.Value?.Dispose();
        }
    }

    private static SKTypeface? Load(ILogger logger)
    {
        foreach (var path in Candidates.Where(File.Exists))
        {
            if (SKTypeface.FromFile(path) is { } typeface)
            {
                logger.LogDebug("Charts use the font {FontFile}", path);
                return typeface;
            }
        }

        logger.LogWarning("No font found for chart labels (looked for DejaVu Sans, Liberation Sans, Noto Sans); charts are drawn without text");
        return null;
    }
}
