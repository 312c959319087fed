using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Charts;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// What one channel of a fan-out costs the bot besides the request itself: its body, rendered,
/// serialised and framed per message (as before) or taken from the shared body with its nonce added
/// (as now), and reading Discord's answer whole or only the posted message's id and channel.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class AnnouncementBenchmarks
{
    private readonly ChartFont _font = new(NullLogger<ChartFont>.Instance);
    private CoreServices _core = null!;
    private ChartCache _charts = null!;
    private AnnouncementRenderer _renderer = null!;
    private AnnouncementBodies _bodies = null!;
    private AnnouncementContent _content = null!;
    private AnnouncementWork _work = null!;
    private byte[] _answer = null!;

    [GlobalSetup]
    public void Setup()
    {
        var review = SampleReview.Load();
        _content = new AnnouncementContent(
            review.ReviewId, review.Show.Title, review.Show.Slug, review.Season, SampleReview.Title, review.Headline,
            review.Verdict?.Value, review.Verdict?.Scale, review.Summary, review.SourceUrl?.AbsoluteUri, review.Author, review.Published, review.Episodes.Count)
        {
            UpdatedAt = review.UpdatedAt,
            Episodes = review.Episodes,
        };
        _work = new AnnouncementWork(1, 2, review.ReviewId, 3, 1_810_000_000_000_000_000, ChannelKind.Text, null, 0, null, DateTimeOffset.UnixEpoch, false, null, null);
        _core = new CoreServices(Path.Combine(Path.GetTempPath(), "reviewbot-bench", Guid.NewGuid().ToString("n"), "unused.db"), s => s.AddCharts());
        _charts = _core.Get<ChartCache>();
        _renderer = new AnnouncementRenderer(_charts);
        _bodies = new AnnouncementBodies(_renderer);

        // Discord echoes the whole message in its answer: the embed, the rating menu, the nonce.
        var rendered = _renderer.Render(_content, _work);
        _answer = JsonSerializer.SerializeToUtf8Bytes(
            new Message
            {
                Id = new Snowflake(1_900_000_000_000_000_000),
                ChannelId = new Snowflake(_work.ChannelId),
                Embeds = rendered.Embeds!,
                Components = rendered.Components!,
                Nonce = JsonSerializer.SerializeToElement(rendered.Nonce, DiscordJsonContext.Default.String),
                Timestamp = "2026-12-06T12:00:00.000000+00:00",
            },
            DiscordJsonContext.Default.Message);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _bodies.Dispose();
        _core.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _font.Dispose();
    }

    [Benchmark(Baseline = true)]
    public byte[] BodyRenderedPerMessage()
    {
        var message = _renderer.Render(_content, _work);
        var json = JsonSerializer.SerializeToUtf8Bytes(message, DiscordJsonContext.Default.MessageRequest);
        return MultipartBody.Encode(json, message.Files!).Body.ToArray();
    }

    [Benchmark]
    public long BodySharedWithItsNonce() =>
        _bodies.Get(_content, _work.RoleId, withChart: true).Message.Body.WithNonce(MessageNonce.ForAnnouncement(_work.ReviewId, _work.SubscriptionId)).Length;

    [Benchmark]
    public Message? ReadWholeAnswer() => JsonSerializer.Deserialize(_answer, DiscordJsonContext.Default.Message);

    [Benchmark]
    public PostedMessage? ReadPostedMessage() => JsonSerializer.Deserialize(_answer, DiscordJsonContext.Default.PostedMessage);
}
