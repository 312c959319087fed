using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Charts;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews;
using ReviewBot.Reviews.Stored;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// A first /review of a review and a first /episode of one of its episodes, from the looked-up show to
/// the reply with its callback body ready (what the load mode's "first asks" do between the gateway
/// and the send): the version found missing and the review's version read, with the answer and chart
/// stored for it in the same statement (the generated store has them, as the importer writes them), and
/// framed. A first ask's answer is not kept, so its body is serialised here as
/// the sender would. Each operation asks about the next of the generated store's 10,000
/// reviews (and, each time round, another episode), with the kept versions dropped first, so no
/// operation finds what an earlier one kept. 256 operations per iteration: past 10,000 the reviews
/// come round again, and a /review asked a second time has its answer kept (a copy of its chart)
/// and a third time is answered from that copy, none of which is a first ask. The run's own count
/// follows the operation's speed and went past that.
/// </summary>
[Config(typeof(BenchConfig))]
[InvocationCount(256, 1)]
[MemoryDiagnoser]
public class FirstAskBenchmarks
{
    private GeneratedStore _store = null!;
    private CoreServices _core = null!;
    private ReviewReplies _reviewReplies = null!;
    private EpisodeReplies _episodeReplies = null!;
    private ReviewVersionCache _versions = null!;
    private InteractionContext _context = null!;
    private string[] _slugs = [];
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _store = StoreGenerator.CreateAsync(StoreSize.Standard, CancellationToken.None).GetAwaiter().GetResult();
        _core = new CoreServices(_store.DatabasePath, services => services.AddStoredAnswers());
        _versions = _core.Get<ReviewVersionCache>();
        // As the bot builds it once started (ShowIndexWarmup): a show named exactly is then found in
        // memory, not through the shows table.
        _core.Get<Core.ShowSearch.ShowTitleIndex>().GetAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        _reviewReplies = _core.Get<ReviewReplies>();
        _episodeReplies = _core.Get<EpisodeReplies>();
        _slugs = [.. Enumerable.Range(0, _store.Size.Reviews).Select(i => Slug.From(ShowTitles.At(i)))];
        _context = new InteractionContext(Interaction(InteractionPayloads.Review(1_200_000_000_000_000_001, 1_100_000_000_000_000_001, _slugs[0])));
        if (!Review().GetAwaiter().GetResult().HasFiles || Episode().GetAwaiter().GetResult().Message.Embeds is not [_])
        {
            throw new InvalidOperationException("A first ask did not answer with the review's chart, or its episode with an embed.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store.Dispose();
    }

    [Benchmark(Baseline = true)]
    public async Task<InteractionReply> Review()
    {
        _versions.Clear();
        var lookup = await _reviewReplies.LookupAsync(new ReviewRequest(NextSlug(), null, "discord:1"), _context, CancellationToken.None);
        return WithBody(await _reviewReplies.ReplyAsync(lookup, ReplyKind.NewMessage, _context, CancellationToken.None));
    }

    [Benchmark]
    public async Task<InteractionReply> Episode()
    {
        _versions.Clear();
        var lookup = await _episodeReplies.LookupAsync(new EpisodeRequest(1 + (_next / _slugs.Length % 10), NextSlug(), null, "discord:1"), CancellationToken.None);
        return WithBody(await _episodeReplies.ReplyAsync(lookup, ReplyKind.NewMessage, _context, CancellationToken.None));
    }

    /// <summary>The body serialised as the sender would, then what the reply borrowed handed back, as the sender does once it is sent.</summary>
    private static InteractionReply WithBody(InteractionReply reply)
    {
        var sent = reply.Prepared is null ? reply with { Prepared = reply.Prepare(InteractionCallbackType.ChannelMessageWithSource) } : reply;
        reply.Release();
        return sent;
    }

    private string NextSlug() => _slugs[_next++ % _slugs.Length];

    private static Interaction Interaction(System.Text.Json.Nodes.JsonObject payload)
    {
        using var document = JsonDocument.Parse(InteractionPayloads.DispatchFrame(payload, 1));
        var root = document.RootElement;
        return ((InteractionCreateEvent)GatewayEventParser.Parse(0, GatewayEventParser.NameOf(root.GetProperty("t")), root.GetProperty("d"))!).Interaction;
    }
}
