using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FakeDiscord;

/// <summary>
/// A loopback Discord: Kestrel on 127.0.0.1 with an OS-chosen port, serving the REST routes the
/// bot uses (FakeDiscordServer.Rest.cs) and a gateway WebSocket (FakeDiscordServer.Gateway.cs).
/// A test fixture, never part of the product.
/// </summary>
public sealed partial class FakeDiscordServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeDiscordServer(WebApplication app, FakeDiscordOptions options)
    {
        _app = app;
        Options = options;
    }

    public FakeDiscordOptions Options { get; }

    /// <summary>Base of the REST API, e.g. <c>http://127.0.0.1:41234/api/v10</c>.</summary>
    public Uri ApiBaseUrl { get; private set; } = null!;

    /// <summary>Gateway WebSocket URL, e.g. <c>ws://127.0.0.1:41234/gateway</c>.</summary>
    public Uri GatewayUrl { get; private set; } = null!;

    public static async Task<FakeDiscordServer> StartAsync(FakeDiscordOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeDiscordOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);

        var app = builder.Build();
        var server = new FakeDiscordServer(app, options);
        app.UseWebSockets();
        server.MapRest(app);
        server.MapGateway(app);

        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var root = new Uri(address);
        server.ApiBaseUrl = new Uri(root, "/api/v10");
        server.GatewayUrl = new UriBuilder(root) { Scheme = "ws", Path = "/gateway" }.Uri;
        return server;
    }

    partial void MapRest(WebApplication app);

    partial void MapGateway(WebApplication app);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
