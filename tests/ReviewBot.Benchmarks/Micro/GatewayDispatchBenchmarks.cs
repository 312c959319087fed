using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Benchmarks.Micro;

/// <summary>
/// A raw INTERACTION_CREATE frame to a typed <see cref="Interaction"/>, along the gateway's own path:
/// JsonDocument over the frame (GatewayConnection.HandleAsync), then the event parser, which reads
/// <c>d</c> into the interaction model.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class GatewayDispatchBenchmarks
{
    private byte[] _command = [];
    private byte[] _autocomplete = [];
    private byte[] _unknown = [];

    [GlobalSetup]
    public void Setup()
    {
        _command = InteractionPayloads.DispatchFrame(InteractionPayloads.Review(1_200_000_000_000_000_001, 1_100_000_000_000_000_001, "metallic-rouge"), 42);
        _autocomplete = InteractionPayloads.DispatchFrame(InteractionPayloads.Autocomplete(1_200_000_000_000_000_002, 1_100_000_000_000_000_001, "metal"), 43);
        _unknown = InteractionPayloads.DispatchFrame(InteractionPayloads.Unknown(1_200_000_000_000_000_003, 1_100_000_000_000_000_001), 44);
    }

    [Benchmark(Baseline = true)]
    public Interaction SlashCommandFrame() => Parse(_command);

    [Benchmark]
    public Interaction AutocompleteFrame() => Parse(_autocomplete);

    /// <summary>The load mode's floor: an unknown command, no options.</summary>
    [Benchmark]
    public Interaction UnknownCommandFrame() => Parse(_unknown);

    private static Interaction Parse(byte[] frame)
    {
        using var document = JsonDocument.Parse(frame);
        var root = document.RootElement;
        var name = GatewayEventParser.NameOf(root.GetProperty("t"));
        return ((InteractionCreateEvent)GatewayEventParser.Parse(0, name, root.GetProperty("d"))!).Interaction;
    }
}
