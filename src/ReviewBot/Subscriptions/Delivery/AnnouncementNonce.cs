using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// The create-message nonce of an announcement: the same (review, subscription) always gives the
/// same 24 characters (Discord allows 25), so a resend after a crash between Discord's answer and
/// our record returns the message already posted (enforce_nonce) instead of posting it again.
/// </summary>
public static class AnnouncementNonce
{
    public static string For(long reviewId, long subscriptionId)
    {
        var key = string.Create(CultureInfo.InvariantCulture, $"review:{reviewId}:subscription:{subscriptionId}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return "rb" + Convert.ToHexStringLower(hash[..11]);
    }
}
