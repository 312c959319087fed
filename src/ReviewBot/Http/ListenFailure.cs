using System.Net;
using System.Net.Sockets;

namespace ReviewBot.Http;

/// <summary>
/// An address the listener (Kestrel) cannot bind, because this user may not listen there, another
/// program already does, or the address is not this machine's, told as the configuration error it is.
/// Kestrel says only "Permission denied" or "address already in use", naming neither the setting nor
/// (for the first) the address, and as an unexpected failure the bot would exit 1, which systemd
/// restarts for ever although only an edit of Http:Listen can help (RunVerb exits 2 with this instead).
/// </summary>
internal static class ListenFailure
{
    /// <summary>What is wrong with Http:Listen when <paramref name="exception"/> is a failure to bind it, else null.</summary>
    internal static string? Describe(Exception exception, string? listen)
    {
        if (string.IsNullOrWhiteSpace(listen))
        {
            return null;
        }

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
