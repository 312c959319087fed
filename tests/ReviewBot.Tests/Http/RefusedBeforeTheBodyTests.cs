using System.Globalization;
using System.Net.Sockets;
using System.Text;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>
/// A request whose signature headers alone show it is not Discord's (missing, malformed, or signed
/// outside the window) is refused from its headers: the endpoint neither waits for nor buffers a body
/// it would throw away. The body here is announced at the largest size allowed and never sent, over a
/// raw socket, so an endpoint that reads it first can only answer once the body has timed out.
/// </summary>
public sealed class RefusedBeforeTheBodyTests
{
    public static TheoryData<string> Cases() => new("no signature headers", "signature not hex", "timestamp not a number", "signed ten minutes ago");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RequestRefusedByItsHeaders_Gets401_WithoutItsBodyBeingSent(string name)
    {
        await using var http = await HttpBot.StartAsync();
        var now = DateTimeOffset.UtcNow;
        var headers = name switch
        {
            "no signature headers" => "",
            "signature not hex" => $"X-Signature-Ed25519: {new string('g', 128)}\r\nX-Signature-Timestamp: {InteractionSigner.Timestamp(now)}\r\n",
            "timestamp not a number" => $"X-Signature-Ed25519: {new string('a', 128)}\r\nX-Signature-Timestamp: soon\r\n",
            _ => $"X-Signature-Ed25519: {new string('a', 128)}\r\nX-Signature-Timestamp: {InteractionSigner.Timestamp(now.AddMinutes(-10))}\r\n",
        };
        var address = HttpBot.Address(http.Bot.Services);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var head = string.Create(CultureInfo.InvariantCulture,
            $"POST /interactions HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {1 << 20}\r\n{headers}\r\n");

        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(BotHost.Timeout);
        var statusLine = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("HTTP/1.1 401 Unauthorized", statusLine);
    }
}
