using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// Create-message nonces made from what a message is about rather than drawn at random: every create
/// of the same message, by any process and after any restart, carries the same 24 characters (Discord
/// allows 25), and with enforce_nonce Discord returns the message already posted instead of posting it
/// again (docs: Create Message, a nonce is checked "in the past few minutes"). Each kind of message has
/// its own prefix, so no two kinds can share a nonce, nor any with a create's random one ("rq…").
/// </summary>
public static class MessageNonce
{
    /// <summary>
    /// An announcement of a review in a subscription's channel, resent after a crash between Discord's
    /// answer and our record. Earlier builds sent the same value, so an announcement in flight across an
    /// upgrade keeps its nonce.
    /// </summary>
    public static string ForAnnouncement(long reviewId, long subscriptionId) =>
        From("rb", string.Create(CultureInfo.InvariantCulture, $"review:{reviewId}:subscription:{subscriptionId}"));

    /// <summary>
    /// The notice telling a server that a subscription's channel was paused at <paramref name="pausedAt"/>:
    /// a post held up past its claim (rate-limit waits) and the later pass that claimed it again are one
    /// message. A later pause of the same subscription is another notice, with another nonce.
    /// </summary>
    public static string ForPauseNotice(long subscriptionId, DateTimeOffset pausedAt) =>
        From("rp", string.Create(CultureInfo.InvariantCulture, $"pause:{subscriptionId}:{pausedAt.UtcTicks}"));

    private static string From(string prefix, string key)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(key), hash);
        return prefix + Convert.ToHexStringLower(hash[..11]);
    }
}
