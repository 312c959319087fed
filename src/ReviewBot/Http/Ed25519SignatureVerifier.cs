using System.Buffers;
using System.Globalization;
using Microsoft.Extensions.Options;
using NSec.Cryptography;

namespace ReviewBot.Http;

/// <summary>
/// Discord signs every HTTP interaction with the application's Ed25519 key over the
/// <c>X-Signature-Timestamp</c> header followed by the raw body, and sends the signature hex-encoded in
/// <c>X-Signature-Ed25519</c> (Discord docs: Interactions, "Receiving and Responding", Security and
/// Authorization). A valid signature alone would let a recorded request be replayed for ever, so the
/// signed timestamp must also lie within <see cref="HttpEndpointOptions.SignatureWindow"/> of now.
/// </summary>
public sealed class Ed25519SignatureVerifier : IInteractionSignatureVerifier
{
    private const int SignatureBytes = 64;

    // Unix seconds fit in 19 digits; anything longer is not a timestamp and would only cost a copy.
    private const int MaxTimestampChars = 19;

    private static readonly SignatureAlgorithm Algorithm = SignatureAlgorithm.Ed25519;

    private readonly PublicKey _key;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;

    public Ed25519SignatureVerifier(IOptions<InteractionEndpointOptions> endpoint, IOptions<HttpEndpointOptions> http, TimeProvider time)
        : this(InteractionEndpointOptions.ParsePublicKey(endpoint.Value.PublicKey), http.Value.SignatureWindow, time)
    {
    }

    public Ed25519SignatureVerifier(byte[] rawPublicKey, TimeSpan window, TimeProvider time)
    {
        _key = PublicKey.Import(Algorithm, rawPublicKey, KeyBlobFormat.RawPublicKey);
        _window = window;
        _time = time;
    }

    public SignatureCheck CheckHeaders(string? signatureHex, string? timestamp) =>
        ReadHeaders(signatureHex, timestamp, stackalloc byte[SignatureBytes]);

    public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body)
    {
        Span<byte> signature = stackalloc byte[SignatureBytes];
        var headers = ReadHeaders(signatureHex, timestamp, signature);
        if (headers != SignatureCheck.Valid)
        {
            return headers;
        }

        if (body.IsEmpty)
        {
            return SignatureCheck.EmptyBody;
        }

        var message = new byte[timestamp!.Length + body.Length];
        for (var i = 0; i < timestamp.Length; i++)
        {
            message[i] = (byte)timestamp[i];
        }

        body.CopyTo(message.AsSpan(timestamp.Length));
        return Verify(message, signature) ? SignatureCheck.Valid : SignatureCheck.BadSignature;
    }

    /// <summary>
    /// The headers' own checks, the signature decoded into <paramref name="signature"/>. The window is
    /// among them: a timestamp outside it is refused whoever signed it, so that needs no body either.
    /// </summary>
    private SignatureCheck ReadHeaders(string? signatureHex, string? timestamp, Span<byte> signature)
    {
        if (string.IsNullOrEmpty(signatureHex) || string.IsNullOrEmpty(timestamp))
        {
            return SignatureCheck.MissingHeader;
        }

        if (signatureHex.Length != SignatureBytes * 2
            || Convert.FromHexString(signatureHex, signature, out _, out var written) != OperationStatus.Done
            || written != SignatureBytes)
        {
            return SignatureCheck.MalformedSignature;
        }

        // Digits only: a sign, spaces or a decimal point would be signed bytes the number does not show.
        if (timestamp.Length > MaxTimestampChars || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.MalformedTimestamp;
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        return Math.Abs(now - seconds) <= (long)_window.TotalSeconds ? SignatureCheck.Valid : SignatureCheck.TimestampOutsideWindow;
    }

    /// <summary>The Ed25519 check itself (libsodium through NSec: strict, so a non-canonical S or a small-order key fails).</summary>
    internal bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == SignatureBytes && Algorithm.Verify(_key, message, signature);
}
