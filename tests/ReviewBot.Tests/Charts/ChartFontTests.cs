using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Charts;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Tests.Charts;

/// <summary>
/// The font (and with it the native graphics library) is looked up when a chart is first drawn, not
/// when the services are built: a process that draws nothing keeps neither resident.
/// </summary>
public sealed class ChartFontTests
{
    [Fact]
    public void ChartFont_BuiltButNeverDrawnWith_HasNotLookedForTheFont()
    {
        var logger = new FakeLogger<ChartFont>();
        logger.ControlLevel(LogLevel.Debug, true);

        using var font = new ChartFont(logger);
        _ = new EpisodeChart(font);

        Assert.False(font.IsLoaded);
        Assert.Empty(logger.Collector.GetSnapshot());
    }

    [Fact]
    public void ChartFont_FirstDrawing_LooksForTheFontOnce()
    {
        var logger = new FakeLogger<ChartFont>();
        logger.ControlLevel(LogLevel.Debug, true);
        using var font = new ChartFont(logger);
        var chart = new EpisodeChart(font);
        IReadOnlyList<EpisodeEntry> episodes = [new(1, "Pilot", new Score(7, 10)), new(2, "Second", new Score(8, 10))];

        Assert.NotNull(chart.Draw(episodes));
        Assert.NotNull(chart.Draw(episodes));

        Assert.True(font.IsLoaded);
        Assert.Single(logger.Collector.GetSnapshot());
    }
}
