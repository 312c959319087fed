using System.Globalization;
using System.Text;
using NSec.Cryptography;

namespace ReviewBot.Tests.Http;

/// <summary>Plays Discord's part: an Ed25519 key made in the test, signing timestamp + body the way Discord does.</summary>
public sealed class InteractionSigner : IDisposable
{
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519);

    public string PublicKeyHex => Convert.ToHexStringLower(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    public byte[] PublicKey => _key.PublicKey.Export(KeyBlobFormat.RawPublicKey);

    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public string Sign(string timestamp, byte[] body) =>
        Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.ASCII.GetBytes(timestamp), .. body]));

    public void Dispose() => _key.Dispose();
}
