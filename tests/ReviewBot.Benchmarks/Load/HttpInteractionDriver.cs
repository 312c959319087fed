using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NSec.Cryptography;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// Sends interactions as Discord does to an Interactions Endpoint URL: POST /interactions with the
/// body signed by Ed25519 over X-Signature-Timestamp followed by the raw body (Discord docs:
/// Interactions, "Receiving and Responding", Security and Authorization), at most C in flight, over
/// one pooled HttpClient on loopback, to the bot processes in turn. Each answer is the HTTP response
/// itself, checked for status and shape like a gateway callback. Bodies are serialised and signed
/// before the clock starts, so the driver's own crypto is not in the throughput.
/// </summary>
public sealed class HttpInteractionDriver(IReadOnlyList<Uri> endpoints, Key signingKey) : IInteractionDriver
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public async Task<InteractionDriver.Outcome> RunAsync(IReadOnlyList<PlannedInteraction> plan, int concurrency, TimeSpan timeout)
    {
        var signed = plan.Select(Sign).ToList();
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = int.MaxValue,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var cancel = new CancellationTokenSource(timeout);
        var latencies = new ConcurrentDictionary<string, ConcurrentBag<double>>(StringComparer.Ordinal);
        var shapes = new Dictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
        var next = -1;
        var sent = 0;
        var answered = 0;
        var clock = Stopwatch.StartNew();

        async Task WorkAsync()
        {
            while (Interlocked.Increment(ref next) is var index && index < signed.Count && !cancel.IsCancellationRequested)
            {
                var (interaction, body, timestamp, signature) = signed[index];
                using var request = new HttpRequestMessage(HttpMethod.Post, endpoints[index % endpoints.Count]) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = Json;
                request.Headers.Add("X-Signature-Ed25519", signature);
                request.Headers.Add("X-Signature-Timestamp", timestamp);
                var started = Stopwatch.GetTimestamp();
                Interlocked.Increment(ref sent);
                string shape;
                try
                {
                    using var response = await client.SendAsync(request, cancel.Token);
                    var content = await response.Content.ReadAsByteArrayAsync(cancel.Token);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    shape = response.StatusCode == HttpStatusCode.OK ? InteractionDriver.Shape(Parse(content)) : $"HTTP {(int)response.StatusCode}";
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        latencies.GetOrAdd(interaction.Kind, _ => []).Add(elapsed);
                        Interlocked.Increment(ref answered);
                    }
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    return;
                }
                catch (HttpRequestException exception)
                {
                    shape = $"failed: {exception.HttpRequestError}";
                }

                lock (shapes)
                {
                    var byShape = shapes.TryGetValue(interaction.Kind, out var existing) ? existing : shapes[interaction.Kind] = new(StringComparer.Ordinal);
                    byShape[shape] = byShape.GetValueOrDefault(shape) + 1;
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync)));
        return new InteractionDriver.Outcome(sent, answered, clock.Elapsed, latencies.ToDictionary(p => p.Key, p => p.Value.ToList()), shapes);
    }

    private (PlannedInteraction Interaction, byte[] Body, string Timestamp, string Signature) Sign(PlannedInteraction interaction)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(interaction.Payload);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var message = new byte[timestamp.Length + body.Length];
        Encoding.ASCII.GetBytes(timestamp, message);
        body.CopyTo(message, timestamp.Length);
        return (interaction, body, timestamp, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(signingKey, message)));
    }

    private static JsonElement? Parse(byte[] content)
    {
        try
        {
            return JsonSerializer.Deserialize<JsonElement>(content);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
