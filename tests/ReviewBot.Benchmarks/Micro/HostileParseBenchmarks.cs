using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// Parse time for the worst shapes we know: one huge line of separator pairs (" -") where the
/// title, an episode line or a verdict is expected, in both formats and through the feed path (HTML
/// to text, then the parser); feed HTML nested as deep as its size allows; and on the read side one
/// huge list-shaped sentence for episode mentions and the summary. Each shape is built at several sizes;
/// time per MiB = median × (1024 / KiB). A linear parser costs the same per MiB at every size.
/// The sizes come from REVIEWBOT_PARSE_BENCH_KIB (comma-separated, default "16,64,1024") so the
/// large shape can be left out where a superlinear parser would take minutes per operation.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class HostileParseBenchmarks
{
    private readonly ReviewParser _parser = new();
    private readonly FeedItemConverter _converter = new(new HtmlToText());
    private readonly Summariser _summariser = new();
    private string _titleDashes = "";
    private string _episodeDashes = "";
    private string _markdownEpisodeDashes = "";
    private string _verdictDashes = "";
    private string _bodyEpisodeList = "";
    private FeedItem _feedEpisodeDashes = null!;
    private FeedItem _feedNestedDivs = null!;

    public static IEnumerable<int> Sizes() =>
        (Environment.GetEnvironmentVariable("REVIEWBOT_PARSE_BENCH_KIB") ?? "16,64,1024")
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture));

    [ParamsSource(nameof(Sizes))]
    public int KiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var dashes = Dashes(KiB * 1024);
        const string guide = "Episode Guide\nEpisode 1: Start – 3/5\n\nThe body.\n";
        _titleDashes = "Show" + dashes + "\n" + guide;
        _episodeDashes = "Show Season 1 Review – Headline\nEpisode Guide\nEpisode 1: A" + dashes + "\n\nThe body.\n";
        _markdownEpisodeDashes = "---\nshow: Show\nseason: 1\n---\n## Episode Guide\n- Episode 1: A" + dashes + "\n## Review\nThe body.\n";
        _verdictDashes = "Show Season 1 Review – Headline\n" + guide + "Verdict" + dashes + "\n";
        _bodyEpisodeList = "Episodes " + string.Concat(Enumerable.Repeat("1, ", KiB * 1024 / 3)) + "and more.";
        _feedEpisodeDashes = new FeedItem(
            "item-1", "Show Season 1 Review – Headline", new Uri("https://reviews.example/show"),
            "<h2>Episode Guide</h2><p>Episode 1: A" + dashes + "</p><p>The body.</p>", null);
        _feedNestedDivs = new FeedItem(
            "item-2", "Show Season 1 Review – Headline", new Uri("https://reviews.example/show"),
            string.Concat(Enumerable.Repeat("<div>", KiB * 1024 / 5)) + "<h2>Episode Guide</h2><p>Episode 1: A – 3/5</p><p>The body.</p>", null);
    }

    [Benchmark]
    public ParseResult TitleLineDashes() => _parser.Parse(_titleDashes);

    [Benchmark]
    public ParseResult EpisodeLineDashes() => _parser.Parse(_episodeDashes);

    [Benchmark]
    public ParseResult MarkdownEpisodeLineDashes() => _parser.Parse(_markdownEpisodeDashes);

    [Benchmark]
    public ParseResult VerdictLineDashes() => _parser.Parse(_verdictDashes);

    [Benchmark]
    public ParseResult FeedItemEpisodeLineDashes() =>
        _parser.Parse(_converter.Convert("https://reviews.example/feed/", _feedEpisodeDashes).Document.Text);

    /// <summary>HTML nested one &lt;div&gt; deeper per five characters.</summary>
    [Benchmark]
    public ParseResult FeedItemNestedDivs() =>
        _parser.Parse(_converter.Convert("https://reviews.example/feed/", _feedNestedDivs).Document.Text);

    /// <summary>The read side: sentences and episode mentions over one huge list-shaped sentence.</summary>
    [Benchmark]
    public int EpisodeMentionsInList() => EpisodeMentions.Find(_bodyEpisodeList, 9, 13).Count;

    [Benchmark]
    public string SummariseList() => _summariser.Summarise(_bodyEpisodeList, "Show");

    private static string Dashes(int characters)
    {
        var builder = new StringBuilder(characters);
        while (builder.Length + 2 <= characters)
        {
            builder.Append(" -");
        }

        return builder.ToString();
    }
}
