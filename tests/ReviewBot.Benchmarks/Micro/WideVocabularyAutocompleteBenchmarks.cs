using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// Autocomplete (25 choices) over 50,000 titles with a real store's spread of words (~36,000
/// distinct), on the index directly: what per-word work costs when few titles share a word.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class WideVocabularyAutocompleteBenchmarks
{
    private ShowIndex _index = null!;

    /// <summary>
    /// Keystrokes into titles of the generated store: a short one, a third word, a long title with
    /// two very common words (the slowest kind), and a typo.
    /// </summary>
    [Params("deshobo radoryu mabehe", "kuzorama to muhejibujou gan", "the zapizoze damokuyo chitsuma ni kazu", "kuzoramma")]
    public string Typed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        var shows = WideVocabularyTitles.Create(50_000).Select((t, i) => new ShowRecord(i + 1, t, Slug.From(t)))
            .OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        _index = ShowIndex.Build(shows);
    }

    [Benchmark]
    public List<ShowRecord> Suggest() => _index.Suggest(Typed, ShowTitleSuggester.MaxLimit);
}
