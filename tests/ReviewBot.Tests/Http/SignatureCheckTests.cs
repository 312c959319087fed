using System.Text;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Http;

namespace ReviewBot.Tests.Http;

/// <summary>The verifier's decision for requests signed in the test with its own keys.</summary>
public sealed class SignatureCheckTests : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.Zero));
    private readonly InteractionSigner _discord = new();
    private readonly byte[] _body = Encoding.UTF8.GetBytes("""{"type":1,"id":"1","token":"t","application_id":"2","version":1}""");

    [Fact]
    public void SignedByTheApplicationKey_IsValid()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());

        Assert.Equal(SignatureCheck.Valid, Verifier().Check(_discord.Sign(timestamp, _body), timestamp, _body));
    }

    [Fact]
    public void UppercaseHexSignature_IsValid()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());

        Assert.Equal(SignatureCheck.Valid, Verifier().Check(_discord.Sign(timestamp, _body).ToUpperInvariant(), timestamp, _body));
    }

    [Fact]
    public void SignedByAnotherKey_IsBadSignature()
    {
        using var stranger = new InteractionSigner();
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());

        Assert.Equal(SignatureCheck.BadSignature, Verifier().Check(stranger.Sign(timestamp, _body), timestamp, _body));
    }

    [Fact]
    public void ChangedBody_IsBadSignature()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());
        var signature = _discord.Sign(timestamp, _body);
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(_body).Replace("\"type\":1", "\"type\":2", StringComparison.Ordinal));

        Assert.Equal(SignatureCheck.BadSignature, Verifier().Check(signature, timestamp, changed));
    }

    [Fact]
    public void ChangedTimestamp_IsBadSignature()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());
        var signature = _discord.Sign(timestamp, _body);

        Assert.Equal(SignatureCheck.BadSignature, Verifier().Check(signature, InteractionSigner.Timestamp(_time.GetUtcNow().AddSeconds(1)), _body));
    }

    [Theory]
    [InlineData(null, "1796547600")]
    [InlineData("", "1796547600")]
    [InlineData("00", null)]
    [InlineData("00", "")]
    public void MissingHeader_IsRefused(string? signature, string? timestamp) =>
        Assert.Equal(SignatureCheck.MissingHeader, Verifier().Check(signature, timestamp, _body));

    [Fact]
    public void EmptyBody_IsRefused()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());

        Assert.Equal(SignatureCheck.EmptyBody, Verifier().Check(_discord.Sign(timestamp, []), timestamp, []));
    }

    [Theory]
    [InlineData(127)]
    [InlineData(126)]
    [InlineData(130)]
    public void SignatureOfTheWrongLength_IsMalformed(int length)
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());
        var signature = (_discord.Sign(timestamp, _body) + "abcd")[..length];

        Assert.Equal(SignatureCheck.MalformedSignature, Verifier().Check(signature, timestamp, _body));
    }

    [Fact]
    public void SignatureThatIsNotHex_IsMalformed()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());
        var signature = "zz" + _discord.Sign(timestamp, _body)[2..];

        Assert.Equal(SignatureCheck.MalformedSignature, Verifier().Check(signature, timestamp, _body));
    }

    [Theory]
    [InlineData("1796547600.0")]
    [InlineData("-1796547600")]
    [InlineData(" 1796547600")]
    [InlineData("+1796547600")]
    [InlineData("99999999999999999999")]
    [InlineData("١٧٩٦٥٤٧٦٠٠")]
    public void TimestampThatIsNotUnixSeconds_IsMalformed(string timestamp) =>
        // Signed correctly, so only the timestamp's form can be what refuses it.
        Assert.Equal(SignatureCheck.MalformedTimestamp, Verifier().Check(_discord.Sign(timestamp, _body), timestamp, _body));

    [Theory]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(-301, SignatureCheck.TimestampOutsideWindow)]
    [InlineData(301, SignatureCheck.TimestampOutsideWindow)]
    [InlineData(-86_400, SignatureCheck.TimestampOutsideWindow)]
    public void Timestamp_IsAcceptedOnlyWithinTheWindow(int secondsFromNow, SignatureCheck expected)
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow().AddSeconds(secondsFromNow));

        Assert.Equal(expected, Verifier().Check(_discord.Sign(timestamp, _body), timestamp, _body));
    }

    [Fact]
    public void SameSignedRequest_IsRefusedOnceTheClockHasMovedPastTheWindow()
    {
        var timestamp = InteractionSigner.Timestamp(_time.GetUtcNow());
        var signature = _discord.Sign(timestamp, _body);
        var verifier = Verifier();
        Assert.Equal(SignatureCheck.Valid, verifier.Check(signature, timestamp, _body));

        _time.Advance(Window + TimeSpan.FromSeconds(1));

        Assert.Equal(SignatureCheck.TimestampOutsideWindow, verifier.Check(signature, timestamp, _body));
    }

    public void Dispose() => _discord.Dispose();

    private Ed25519SignatureVerifier Verifier() => new(_discord.PublicKey, Window, _time);
}
