using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Answers;
using ReviewBot.Discord.Models;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>The /review answer for the sample: the bot's own renderer builds the embed within Discord's limits, then it is serialised for the callback.</summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class EmbedBenchmarks
{
    private readonly ReviewEmbedRenderer _renderer = new();
    private ReviewDetails _review = null!;
    private InteractionResponse _response = null!;

    [GlobalSetup]
    public void Setup()
    {
        _review = SampleReview.Load();

        _response = Render();
    }

    [Benchmark]
    public InteractionResponse Build() => Render();

    [Benchmark]
    public byte[] Serialise() => JsonSerializer.SerializeToUtf8Bytes(_response, DiscordJsonContext.Default.InteractionResponse);

    [Benchmark(Baseline = true)]
    public byte[] BuildAndSerialise() => JsonSerializer.SerializeToUtf8Bytes(Render(), DiscordJsonContext.Default.InteractionResponse);

    private InteractionResponse Render() =>
        new(InteractionCallbackType.ChannelMessageWithSource, _renderer.Render(_review).Build());
}
