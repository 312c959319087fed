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
/// Decides whether a request really comes from Discord. The endpoint asks <see cref="CheckHeaders"/>
/// before it reads the body at all, and <see cref="Check"/> before it reads a single field of it; a
/// test can put an accept-all in its place to show that the rejection tests would then fail.
/// </summary>
public interface IInteractionSignatureVerifier
{
    /// <summary>
    /// What the signature headers alone decide: anything but <see cref="SignatureCheck.Valid"/> refuses the
    /// request whatever its body, so the body need not be waited for or buffered.
    /// </summary>
    SignatureCheck CheckHeaders(string? signatureHex, string? timestamp);

    /// <summary>The whole check: the headers, then the signature over the timestamp and the raw body.</summary>
    SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body);
}
