using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>Autocomplete (25 choices) over 50,000 show titles, as typed keystroke by keystroke.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class AutocompleteBenchmarks
{
    private GeneratedStore _store = null!;
    private CoreServices _core = null!;
    private ShowTitleSuggester _suggester = null!;

    /// <summary>
    /// Empty box, a short prefix, a longer prefix, two word starts, a typo, and a keystroke into a
    /// third word (few titles start with it, so fuzzy scoring fills most of the 25).
    /// </summary>
    [Params("", "m", "metal", "cri bla", "metalic rogue", "crimson blade ch")]
    public string Typed { get; set; } = "";

    [GlobalSetup]
    public void Setup()
    {
        _store = StoreGenerator.CreateAsync(new StoreSize(50_000, 100, 1), CancellationToken.None).GetAwaiter().GetResult();
        _core = new CoreServices(_store.DatabasePath);
        _suggester = _core.Get<ShowTitleSuggester>();
        _ = Suggest().GetAwaiter().GetResult(); // loads the title index once, as the running bot has
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
    }

    [Benchmark]
    public Task<IReadOnlyList<ShowRef>> Suggest() => _suggester.SuggestAsync(Typed, ShowTitleSuggester.MaxLimit, CancellationToken.None);
}
