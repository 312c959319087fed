using System.Net;
using System.Net.Sockets;

namespace ReviewBot.Core.Sources;

/// <summary>
/// The feed client's <see cref="SocketsHttpHandler.ConnectCallback"/>: resolves the host itself,
/// checks every address it resolves to against <see cref="FeedAddressPolicy"/>, and connects only to
/// an address it checked. Checking here, at connect time, covers the first URL and every redirect
/// alike, and a name that resolves differently on a second lookup (DNS rebinding) gains nothing,
/// because nothing else looks the name up.
/// </summary>
internal static class FeedConnector
{
    public static async ValueTask<Stream> ConnectAsync(
        FeedAddressPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var host = endpoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        // One non-public address refuses the name: a host answering with a public and a private
        // address could otherwise be reached on the private one.
        foreach (var address in addresses)
        {
            if (policy.Refusal(host, address) is { } why)
            {
                throw new FeedAddressRefusedException(host, address, why);
            }
        }

        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
