using System.Net;

namespace ReviewBot.Http;

/// <summary>The bot's own HTTP listener (section <c>Http</c>): off unless <see cref="Listen"/> is set.</summary>
public sealed class HttpEndpointOptions
{
    public const string SectionName = "Http";

    /// <summary>
    /// Where Kestrel listens, e.g. <c>http://127.0.0.1:8080</c> or <c>http://*:8080</c>; empty means no
    /// listener at all. Plain HTTP only: TLS belongs to the reverse proxy in front.
    /// </summary>
    public string? Listen { get; set; }

    /// <summary>How far a signed X-Signature-Timestamp may lie from now, either way, before the request is refused as a replay.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>/readyz fails when the oldest pending announcement has waited longer than this.</summary>
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The longest <see cref="OutboxStuckAfter"/> allowed.</summary>
    public static readonly TimeSpan LongestOutboxStuckAfter = TimeSpan.FromDays(7);

    public bool IsEnabled => !string.IsNullOrWhiteSpace(Listen);

    /// <summary>The listen address as an endpoint, or a message that says what is wrong with the setting.</summary>
    public static (IPEndPoint? EndPoint, string? Error) ParseListen(string listen)
    {
        const string Expected = "expected http://ADDRESS:PORT such as http://127.0.0.1:8080 or http://*:8080 (TLS belongs to a reverse proxy in front)";
        var text = listen.Trim();
        var wildcard = text.StartsWith("http://*:", StringComparison.Ordinal) || text.StartsWith("http://+:", StringComparison.Ordinal);
        if (wildcard)
        {
            text = "http://0.0.0.0:" + text["http://*:".Length..];
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.PathAndQuery != "/")
        {
            return (null, $"Http:Listen \"{listen}\" is not valid: {Expected}.");
        }

        var address = uri.Host == "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed
            : null;
        return address is null
            ? (null, $"Http:Listen \"{listen}\" names the host \"{uri.Host}\"; {Expected}, an IP address, localhost or *.")
            : (new IPEndPoint(address, uri.Port), null);
    }
}
