using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Charts;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// The episode-score chart of the sample review: drawing the PNG (once per review version, when it is
/// stored), taking it from the in-memory cache (a chart read from the store once), and encoding a /review answer with it as
/// multipart/form-data. <see cref="ChartBytes"/> reports the PNG's size in the log.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ChartBenchmarks
{
    private readonly ChartFont _font = new(NullLogger<ChartFont>.Instance);
    private EpisodeChart _chart = null!;
    private CoreServices _core = null!;
    private ChartCache _cache = null!;
    private ReviewDetails _review = null!;
    private byte[] _json = null!;
    private byte[] _png = null!;

    [GlobalSetup]
    public void Setup()
    {
        _review = SampleReview.Load();

        _chart = new EpisodeChart(_font);
        // Over a database never opened: FromCache takes the kept chart, as every announcement after the first does.
        _core = new CoreServices(Path.Combine(Path.GetTempPath(), "reviewbot-bench", Guid.NewGuid().ToString("n"), "unused.db"), s => s.AddCharts());
        _cache = _core.Get<ChartCache>();
        _png = Render();
        _json = new byte[2600];
        Console.WriteLine($"// Chart PNG of the sample review: {_png.Length} bytes, {EpisodeChart.Width}x{EpisodeChart.Height}, font: {(_font.Typeface is null ? "none" : "found")}");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _font.Dispose();
    }

    public int ChartBytes => _png.Length;

    [Benchmark(Baseline = true)]
    public byte[] Render() => _chart.Render(_review.Episodes, _review.AverageEpisodeScore)!;

    [Benchmark]
    public byte[]? FromCache() => _cache.ForAnnouncement(_review.ReviewId, _review.Episodes);

    [Benchmark]
    public long EncodeMultipart() =>
        MultipartBody.Encode(_json, [new FileUpload(EpisodeChart.FileName, _png)]).Body.Length;
}
