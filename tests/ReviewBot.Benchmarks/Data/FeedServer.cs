using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ReviewBot.Benchmarks.Data;

/// <summary>
/// Kestrel on 127.0.0.1 with an OS-chosen port serving /feed/{n}: the same 50-item feed for every n,
/// with an ETag, and 304 when the request's If-None-Match carries it (what a polite site does).
/// </summary>
public sealed class FeedServer : IAsyncDisposable
{
    public const string ETag = "\"bench-v1\"";

    private readonly WebApplication _app;

    private FeedServer(WebApplication app, Uri root)
    {
        _app = app;
        Root = root;
    }

    public Uri Root { get; }

    public Uri Feed(int number) => new(Root, $"/feed/{number}");

    public static async Task<FeedServer> StartAsync(int items)
    {
        var body = Encoding.UTF8.GetBytes(SampleReview.RssFeed(items));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/feed/{number:int}", async context =>
        {
            if (context.Request.Headers.IfNoneMatch.ToString() == ETag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = "application/rss+xml; charset=UTF-8";
            context.Response.Headers.ETag = ETag;
            await context.Response.Body.WriteAsync(body);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new FeedServer(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
