using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>Parsing and summarising the sample review: the CPU cost of every import.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class ReviewTextBenchmarks
{
    private readonly ReviewParser _parser = new();
    private readonly Summariser _summariser = new();
    private string _text = "";
    private Review _review = null!;

    [GlobalSetup]
    public void Setup()
    {
        _text = SampleReview.Text;
        _review = _parser.Parse(_text).Review ?? throw new InvalidOperationException("The sample review does not parse.");
    }

    [Benchmark]
    public ParseResult ParseSample() => _parser.Parse(_text);

    [Benchmark]
    public string SummariseSample() => _summariser.Summarise(_review.Body, _review.ShowTitle);
}
