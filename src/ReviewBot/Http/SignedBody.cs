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

    /// <summary>The raw body; null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

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
