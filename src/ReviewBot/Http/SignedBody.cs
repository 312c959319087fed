using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace ReviewBot.Http;

/// <summary>
/// Reads an interaction request's raw body, byte for byte as signed, up to a limit.
/// </summary>
internal static class SignedBody
{
    /// <summary>
    /// The most set aside before a byte of the body has arrived, whatever Content-Length claims: headers
    /// that pass the signature's own checks cost nothing to forge, so the claim must not buy memory.
    /// An interaction's body is a few KiB, so this is usually the only buffer.
    /// </summary>
    internal const int FirstBufferBytes = 16 * 1024;

    /// <summary>
    /// The raw body, or the status that refuses the request and why: larger than <paramref name="maxBytes"/>,
    /// not all arrived within <paramref name="deadline"/>, or given up on by Kestrel.
    /// </summary>
    public static async Task<BodyRead> ReadAsync(HttpRequest request, int maxBytes, TimeSpan deadline, TimeProvider time, CancellationToken cancellationToken)
    {
        var tooLarge = new BodyRead(null, StatusCodes.Status413PayloadTooLarge, $"its body is larger than {maxBytes} bytes");
        if (request.ContentLength > maxBytes)
        {
            return tooLarge;
        }

        // Kestrel's minimum data rate alone would let a body trickle in for as long as its size allows (a
        // mebibyte at 240 bytes a second is over an hour), holding the connection; a deadline ends it.
        using var timeout = new CancellationTokenSource(deadline, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await ReadCoreAsync(request, maxBytes, linked.Token) is { } bytes ? new BodyRead(bytes, StatusCodes.Status200OK, null) : tooLarge;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new BodyRead(null, StatusCodes.Status408RequestTimeout, $"its body had not all arrived {deadline.TotalSeconds:0.#} s after its headers");
        }
        catch (BadHttpRequestException exception)
        {
            // Kestrel's own limits, met while the body arrives: larger than MaxRequestBodySize (sent in chunks,
            // so no Content-Length said so up front), slower than its minimum data rate, or cut short. The
            // request is the sender's fault, and its status is Kestrel's to choose.
            return new BodyRead(null, exception.StatusCode, exception.Message);
        }
    }

    private static async Task<byte[]?> ReadCoreAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        try
        {
            var length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    // Grows by what has arrived, never by what was claimed.
                    var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, maxBytes + 1));
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, maxBytes + 1) - length), cancellationToken);
                if (read == 0)
                {
                    return buffer.AsSpan(0, length).ToArray();
                }

                length += read;
                if (length > maxBytes)
                {
                    return null;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}

/// <summary>A request body as read: <see cref="Bytes"/>, or null with the <see cref="Status"/> that refuses it and <see cref="Why"/>.</summary>
internal readonly record struct BodyRead(byte[]? Bytes, int Status, string? Why)
{
    /// <summary>What the refused-requests counter calls a refusal of this status (beside the signature's own reasons).</summary>
    public string Reason => Status switch
    {
        StatusCodes.Status413PayloadTooLarge => "BodyTooLarge",
        StatusCodes.Status408RequestTimeout => "BodyTooSlow",
        _ => "BodyUnreadable",
    };
}
