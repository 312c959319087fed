using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Tests.Http;

/// <summary>
/// A load balancer of the test's own on 127.0.0.1 port 0: forwards POST /interactions to the bots in
/// turn, each request on a new connection; a bot that refuses the connection or drops it before any
/// response gets the request sent to the next one, as a real balancer retries an unreachable upstream.
/// Records which bot answered each interaction, and how.
/// </summary>
public sealed class LoopbackBalancer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private Uri[] _backends = [];
    private int _next;

    private LoopbackBalancer(WebApplication app, HttpClient upstream)
    {
        _app = app;
        _upstream = upstream;
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Interaction id → every (bot, status) that answered it; one 200 per id is "answered once".</summary>
    public ConcurrentDictionary<string, ConcurrentBag<(Uri Bot, int Status)>> Answers { get; } = new();

    public int Retries => Volatile.Read(ref _retries);

    private int _retries;

    public static async Task<LoopbackBalancer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        // A new connection per request: a connection refused or reset before a response is then surely unprocessed.
        var upstream = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(5) }) { Timeout = TimeSpan.FromSeconds(30) };
        var balancer = new LoopbackBalancer(app, upstream);
        app.MapPost("/interactions", balancer.ForwardAsync);
        await app.StartAsync();
        balancer.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return balancer;
    }

    public void SetBackends(params Uri[] backends) => Volatile.Write(ref _backends, backends);

    private async Task ForwardAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var body = buffer.ToArray();
        var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
        // Round robin picks where a request starts; its retries then go on from its own last choice.
        // Picking each retry from the shared counter let requests retrying together in lockstep (four
        // loops, two backends) land on the same stopped bot every time, and give up with 502 while the
        // other bot was serving.
        var start = (uint)Interlocked.Increment(ref _next);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var backends = Volatile.Read(ref _backends);
            var bot = backends[(int)((start + (uint)attempt) % (uint)backends.Length)];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bot, "/interactions")) { Content = new ByteArrayContent(body) };
            request.Headers.ConnectionClose = true;
            foreach (var header in new[] { "X-Signature-Ed25519", "X-Signature-Timestamp" })
            {
                request.Headers.TryAddWithoutValidation(header, context.Request.Headers[header].ToString());
            }

            request.Content.Headers.ContentType = new("application/json");
            HttpResponseMessage response;
            try
            {
                response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            }
            catch (HttpRequestException)
            {
                // Refused or closed before a response: this bot is stopping or not up yet; try the next,
                // and after a round in which every bot refused, give them a moment.
                Interlocked.Increment(ref _retries);
                if ((attempt + 1) % backends.Length == 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50));
                }

                continue;
            }

            using (response)
            {
                Answers.GetOrAdd(id, _ => []).Add((bot, (int)response.StatusCode));
                context.Response.StatusCode = (int)response.StatusCode;
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(await response.Content.ReadAsByteArrayAsync());
                return;
            }
        }

        context.Response.StatusCode = (int)HttpStatusCode.BadGateway;
    }

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
