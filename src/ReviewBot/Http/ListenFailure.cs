using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ReviewBot.Http;

/// <summary>
/// The listener's server (Kestrel) with one difference: an address it cannot bind, because this user
/// may not listen there, another program already does, or the address is not this machine's, fails the
/// start as the configuration error it is. Kestrel says only "Permission denied" or "address already in
/// use", naming neither the setting nor (for the first) the address, and as an unexpected failure the
/// bot exits 1, which systemd restarts for ever although only an edit of Http:Listen can help.
/// </summary>
internal sealed class ListenFailure(IServer server, string listen) : IServer
{
    public IFeatureCollection Features => server.Features;

    public async Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        try
        {
            await server.StartAsync(application, cancellationToken);
        }
        catch (Exception exception) when (Describe(exception, listen) is { } problem)
        {
            // Reported as the start-up validation reports a wrong setting: one line, exit code 2.
            throw new OptionsValidationException("Http", typeof(HttpEndpointOptions), [problem]);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => server.StopAsync(cancellationToken);

    public void Dispose()
    {
        // The container made the server this one wraps and disposes it itself.
    }

    /// <summary>What is wrong with Http:Listen when <paramref name="exception"/> is a failure to bind it, else null.</summary>
    internal static string? Describe(Exception exception, string listen)
    {
        var socket = Causes(exception).OfType<SocketException>().FirstOrDefault();
        var endPoint = HttpEndpointOptions.ParseListen(listen).EndPoint;
        if (socket is null || endPoint is null)
        {
            return null;
        }

        var where = endPoint.Address.Equals(IPAddress.Any) ? $"port {endPoint.Port} on every address" : endPoint.ToString();
        return socket.SocketErrorCode switch
        {
            SocketError.AccessDenied =>
                $"Http:Listen \"{listen}\": this process may not listen on {where} (permission denied); ports below 1024 need root or the CAP_NET_BIND_SERVICE capability, so choose a port from 1024 up or grant it.",
            SocketError.AddressAlreadyInUse =>
                $"Http:Listen \"{listen}\": {where} is already in use by another program (or another copy of the bot); choose a free port or stop the other listener.",
            SocketError.AddressNotAvailable =>
                $"Http:Listen \"{listen}\": {endPoint.Address} is not an address of this machine; give one of its own addresses, 127.0.0.1, or * for all of them.",
            _ => null,
        };
    }

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Causes))
                {
                    yield return inner;
                }

                yield break;
            }

            yield return current;
        }
    }
}
