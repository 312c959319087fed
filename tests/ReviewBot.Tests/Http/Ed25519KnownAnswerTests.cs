using System.Numerics;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;
using ReviewBot.Http;

namespace ReviewBot.Tests.Http;

/// <summary>The verifier against RFC 8032's published vectors and against every way a signature can be bent away from them.</summary>
public sealed class Ed25519KnownAnswerTests
{
    // The order of Ed25519's base point (RFC 8032 section 5.1): a valid S is below it.
    private static readonly BigInteger L = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");

    public sealed record Vector(string Name, string SecretKey, string PublicKey, string Message, string Signature)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<Vector> Vectors()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Http", "Vectors", "rfc8032-ed25519.json"));
        using var document = JsonDocument.Parse(file);
        var data = new TheoryData<Vector>();
        foreach (var v in document.RootElement.GetProperty("vectors").EnumerateArray())
        {
            data.Add(new Vector(v.GetProperty("name").GetString()!, v.GetProperty("secretKey").GetString()!, v.GetProperty("publicKey").GetString()!, v.GetProperty("message").GetString()!, v.GetProperty("signature").GetString()!));
        }

        return data;
    }

    [Fact]
    public void VectorFile_HoldsTheFourVectors() => Assert.Equal(4, Vectors().Count);

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_IsAccepted(Vector vector) =>
        Assert.True(VerifierFor(vector.PublicKey).Verify(Convert.FromHexString(vector.Message), Convert.FromHexString(vector.Signature)));

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Vector_IsReproducedFromItsSecretKey(Vector vector)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, Convert.FromHexString(vector.SecretKey), KeyBlobFormat.RawPrivateKey);

        Assert.Equal(vector.PublicKey, Convert.ToHexStringLower(key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
        Assert.Equal(vector.Signature, Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, Convert.FromHexString(vector.Message))));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void EverySingleBitFlipInTheSignature_IsRejected(Vector vector)
    {
        var verifier = VerifierFor(vector.PublicKey);
        var message = Convert.FromHexString(vector.Message);
        var accepted = new List<int>();
        for (var bit = 0; bit < 512; bit++)
        {
            var signature = Convert.FromHexString(vector.Signature);
            signature[bit / 8] ^= (byte)(1 << (bit % 8));
            if (verifier.Verify(message, signature))
            {
                accepted.Add(bit);
            }
        }

        Assert.Empty(accepted);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void ChangedMessage_IsRejected(Vector vector)
    {
        var verifier = VerifierFor(vector.PublicKey);
        var signature = Convert.FromHexString(vector.Signature);
        var message = Convert.FromHexString(vector.Message);

        Assert.False(verifier.Verify([.. message, 0x00], signature), "one byte appended");
        for (var bit = 0; bit < message.Length * 8; bit++)
        {
            var changed = (byte[])message.Clone();
            changed[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.Verify(changed, signature), $"bit {bit} of the message flipped");
        }
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void NonCanonicalS_WithTheGroupOrderAdded_IsRejected(Vector vector)
    {
        // S and S + L verify the same equation; accepting both makes signatures malleable (RFC 8032 section 5.1.7 requires S < L).
        var signature = Convert.FromHexString(vector.Signature);
        var s = new BigInteger(signature.AsSpan(32), isUnsigned: true, isBigEndian: false);
        var bent = (s + L).ToByteArray(isUnsigned: true, isBigEndian: false);
        Assert.True(bent.Length <= 32, "S + L still fits in 32 bytes for these vectors");
        var malleated = new byte[64];
        signature.AsSpan(0, 32).CopyTo(malleated);
        bent.CopyTo(malleated.AsSpan(32));

        Assert.False(VerifierFor(vector.PublicKey).Verify(Convert.FromHexString(vector.Message), malleated));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void TruncatedOrLengthenedSignature_IsRejected(Vector vector)
    {
        var verifier = VerifierFor(vector.PublicKey);
        var message = Convert.FromHexString(vector.Message);
        var signature = Convert.FromHexString(vector.Signature);

        Assert.False(verifier.Verify(message, signature.AsSpan(0, 63)));
        Assert.False(verifier.Verify(message, [.. signature, 0x00]));
        Assert.False(verifier.Verify(message, []));
    }

    [Fact]
    public void SignatureUnderAnotherVectorsKey_IsRejected()
    {
        var vectors = ((IEnumerable<object[]>)Vectors()).Select(row => (Vector)row[0]).ToList();
        for (var i = 0; i < vectors.Count; i++)
        {
            var other = vectors[(i + 1) % vectors.Count];
            Assert.False(VerifierFor(other.PublicKey).Verify(Convert.FromHexString(vectors[i].Message), Convert.FromHexString(vectors[i].Signature)), $"{vectors[i].Name} under {other.Name}'s key");
        }
    }

    private static Ed25519SignatureVerifier VerifierFor(string publicKeyHex) =>
        new(Convert.FromHexString(publicKeyHex), TimeSpan.FromMinutes(5), new FakeTimeProvider());
}
