using System.Buffers;

namespace ReviewBot.Http;

/// <summary>
/// <c>Discord:PublicKey</c>: the application's public key from the developer portal (General
/// Information, 64 hex characters). Set, together with <c>Http:Listen</c>, it turns on
/// <c>POST /interactions</c>.
/// </summary>
public sealed class InteractionEndpointOptions
{
    public const int PublicKeyBytes = 32;

    public string? PublicKey { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(PublicKey);

    /// <summary>A message naming what is wrong with the key, or null when it is 32 bytes of hex.</summary>
    public static string? Problem(string? publicKey)
    {
        if (string.IsNullOrWhiteSpace(publicKey))
        {
            return null;
        }

        var text = publicKey.Trim();
        Span<byte> bytes = stackalloc byte[PublicKeyBytes];
        return text.Length == PublicKeyBytes * 2 && Convert.FromHexString(text, bytes, out _, out var written) == OperationStatus.Done && written == PublicKeyBytes
            ? null
            : $"Discord:PublicKey must be the application's public key from the developer portal: {PublicKeyBytes * 2} hex characters ({PublicKeyBytes} bytes); the value given has {text.Length} characters{(text.All(char.IsAsciiHexDigit) ? "" : " and characters that are not hex")}.";
    }

    public static byte[] ParsePublicKey(string? publicKey) =>
        Problem(publicKey) is { } problem || string.IsNullOrWhiteSpace(publicKey)
            ? throw new InvalidOperationException(Problem(publicKey) ?? "Discord:PublicKey is not set.")
            : Convert.FromHexString(publicKey.Trim());
}
