using System.Text;
using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// A 50-item RSS feed with full WordPress HTML per item: the XML read (Syndication), and the whole
/// way to reviews as the importer would store them (HTML to text with AngleSharp, review parser,
/// summariser). Reviews per second = 50 / the median. One core: the benchmark is single-threaded.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class FeedBenchmarks
{
    public const int Items = 50;

    private readonly FeedItemConverter _converter = new(new HtmlToText());
    private readonly ReviewParser _parser = new();
    private readonly Summariser _summariser = new();
    private byte[] _feed = [];

    [GlobalSetup]
    public void Setup()
    {
        _feed = Encoding.UTF8.GetBytes(SampleReview.RssFeed(Items));
        if (FeedToReviews() != Items)
        {
            throw new InvalidOperationException("Not every feed item parsed as a review.");
        }
    }

    [Benchmark]
    public int ParseFeedXml() => FeedParser.Parse(_feed, "application/rss+xml").Count;

    [Benchmark(Baseline = true)]
    public int FeedToReviews()
    {
        var reviews = 0;
        foreach (var item in FeedParser.Parse(_feed, "application/rss+xml"))
        {
            var document = _converter.Convert("https://reviews.example/feed/", item);
            if (_parser.Parse(document.Document.Text).Review is { } review)
            {
                _ = _summariser.Summarise(review.Body, review.ShowTitle);
                reviews++;
            }
        }

        return reviews;
    }
}
