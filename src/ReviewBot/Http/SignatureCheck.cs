namespace ReviewBot.Http;

/// <summary>Why a request to the interactions endpoint was or was not accepted; everything but <see cref="Valid"/> is answered 401.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeader,
    MalformedSignature,
    MalformedTimestamp,
    EmptyBody,
    BadSignature,
    TimestampOutsideWindow,
}

/// <summary>
/// Decides whether a request really comes from Discord. The endpoint asks this before it reads a
/// single field of the body; a test can put an accept-all in its place to show that the rejection
/// tests would then fail.
/// </summary>
public interface IInteractionSignatureVerifier
{
    SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body);
}
