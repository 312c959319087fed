using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeDiscord;

namespace ReviewBot.Benchmarks.Load;

/// <summary>One interaction to send and what kind it is (for per-kind latency).</summary>
public sealed record PlannedInteraction(ulong Id, string Kind, JsonObject Payload);

/// <summary>Sends a plan of interactions at most C unanswered at once and sees each answered; how they travel is the implementation's.</summary>
public interface IInteractionDriver
{
    Task<InteractionDriver.Outcome> RunAsync(IReadOnlyList<PlannedInteraction> plan, int concurrency, TimeSpan timeout);
}

/// <summary>
/// Sends INTERACTION_CREATE dispatches through FakeDiscord's gateway, at most C unanswered at once,
/// and sees each answered when its first callback (POST /interactions/{id}/{token}/callback)
/// reaches the fake. Answers are found by reading the fake's request log incrementally every
/// millisecond; end-to-end latency uses the fake's own receive time, so that polling adds nothing.
/// With several shards (one per bot process) the dispatches go to each in turn.
/// </summary>
/// <param name="shards">How many shards (bot processes) the dispatches are spread over, in turn.</param>
/// <param name="fromBodyRead">End the latency when the fake had read the callback's body
/// (<see cref="RecordedRequest.BodyReadAt"/>) rather than when it had validated and recorded it.</param>
public sealed class InteractionDriver(FakeDiscordServer fake, int shards = 1, bool fromBodyRead = false) : IInteractionDriver
{
    private int _seen;

    /// <param name="Shapes">Per kind, how the answers looked ("embed", "ephemeral", "deferred", "choices", "no choices"...), so a
    /// fast run of error replies cannot pass for a fast run of real answers.</param>
    public sealed record Outcome(int Sent, int Answered, TimeSpan Wall, IReadOnlyDictionary<string, List<double>> EndToEndMsByKind, IReadOnlyDictionary<string, Dictionary<string, int>> Shapes);

    public async Task<Outcome> RunAsync(IReadOnlyList<PlannedInteraction> plan, int concurrency, TimeSpan timeout)
    {
        var sentAt = new ConcurrentDictionary<ulong, (DateTimeOffset At, string Kind)>();
        var latencies = new ConcurrentDictionary<string, List<double>>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        using var slots = new SemaphoreSlim(concurrency);
        using var cancel = new CancellationTokenSource(timeout);
        var answered = 0;
        var started = DateTimeOffset.UtcNow;

        var watcher = Task.Run(async () =>
        {
            while (answered < plan.Count && !cancel.IsCancellationRequested)
            {
                var requests = fake.Requests;
                for (; _seen < requests.Count; _seen++)
                {
                    var request = requests[_seen];
                    if (!request.Route.EndsWith("/callback", StringComparison.Ordinal) || !TryInteractionId(request.Path, out var id)
                        || !sentAt.TryRemove(id, out var sent))
                    {
                        continue;
                    }

                    var answeredAt = fromBodyRead ? request.BodyReadAt ?? request.ReceivedAt : request.ReceivedAt;
                    latencies.GetOrAdd(sent.Kind, _ => []).Add((answeredAt - sent.At).TotalMilliseconds);
                    var byShape = shapes.TryGetValue(sent.Kind, out var existing) ? existing : shapes[sent.Kind] = new(StringComparer.Ordinal);
                    var shape = Shape(request.Body);
                    shape = shape == "embed" && request.Files.Count > 0 ? "embed with chart" : shape;
                    byShape[shape] = byShape.GetValueOrDefault(shape) + 1;
                    answered++;
                    slots.Release();
                }

                await Task.Delay(1, CancellationToken.None);
            }
        });

        var sentCount = 0;
        try
        {
            foreach (var interaction in plan)
            {
                await slots.WaitAsync(cancel.Token);
                sentAt[interaction.Id] = (DateTimeOffset.UtcNow, interaction.Kind);
                await fake.DispatchAsync("INTERACTION_CREATE", interaction.Payload, sentCount % shards);
                sentCount++;
            }

            await watcher.WaitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Timed out: what was answered is reported, with the count that was not.
        }

        await cancel.CancelAsync();
        await watcher;
        var wall = DateTimeOffset.UtcNow - started;
        return new Outcome(sentCount, answered, wall, latencies.ToDictionary(p => p.Key, p => p.Value), shapes);
    }

    /// <summary>What the initial callback carried: a defer, an ephemeral (error or not-found) message, an embed, suggestions.</summary>
    internal static string Shape(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } json || !json.TryGetProperty("type", out var type))
        {
            return "unreadable";
        }

        var data = json.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        return type.GetInt32() switch
        {
            5 or 6 => "deferred",
            8 => data.ValueKind == JsonValueKind.Object && data.TryGetProperty("choices", out var c) && c.GetArrayLength() > 0 ? "choices" : "no choices",
            4 or 7 when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("flags", out var f) && (f.GetInt32() & 64) != 0 => "ephemeral",
            4 or 7 when data.ValueKind == JsonValueKind.Object && data.TryGetProperty("embeds", out var e) && e.GetArrayLength() > 0 => "embed",
            var other => $"type {other}",
        };
    }

    // "/interactions/{id}/{token}/callback"
    private static bool TryInteractionId(string path, out ulong id)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        id = 0;
        return parts.Length >= 4 && parts[0] == "interactions" && ulong.TryParse(parts[1], out id);
    }
}
