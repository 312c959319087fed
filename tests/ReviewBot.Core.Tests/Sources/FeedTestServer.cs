using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>A real Kestrel server on 127.0.0.1, port 0, whose routes each test sets.</summary>
public sealed class FeedTestServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private FeedTestServer(WebApplication app, Uri baseUri)
    {
        this.app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<FeedTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FeedTestServer? server = null;
        app.Run(context => server!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server = new FeedTestServer(app, new Uri(address));
        return server;
    }

    public Uri Url(string path) => new(BaseUri, path);

    public void Map(string path, RequestDelegate handler) => routes[path] = handler;

    /// <summary>Serves a body with an ETag, answering 304 when the client already has it.</summary>
    public void MapFeed(string path, Func<string> body, Func<string> etag, string contentType = "application/rss+xml; charset=utf-8") =>
        Map(path, async context =>
        {
            var tag = etag();
            if (context.Request.Headers.IfNoneMatch.ToString() == tag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.Headers.ETag = tag;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body());
        });

    public int CountRequests(string path) => requests.Count(r => r.Path == path);

    private Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.ToString();
        requests.Enqueue(new RecordedRequest(path, context.Request.Headers.IfNoneMatch.ToString(), context.Request.Headers.UserAgent.ToString()));
        if (routes.TryGetValue(path, out var handler))
        {
            return handler(context);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record RecordedRequest(string Path, string IfNoneMatch, string UserAgent);
