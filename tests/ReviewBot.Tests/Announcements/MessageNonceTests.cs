using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Tests.Announcements;

/// <summary>The nonces of messages the bot may create more than once, made from what each is about.</summary>
public sealed class MessageNonceTests
{
    [Fact]
    public void ForAnnouncement_KeepsTheValueEarlierBuildsSent()
    {
        // An announcement resent by a newer build after a crash must carry the nonce the older one sent.
        Assert.Equal("rb1c48f074ed215b079b2805", MessageNonce.ForAnnouncement(7, 42));
    }

    [Fact]
    public void ForPauseNotice_SamePause_SameNonceAndAnotherPauseAnother()
    {
        var pausedAt = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        var nonce = MessageNonce.ForPauseNotice(42, pausedAt);

        Assert.Equal(nonce, MessageNonce.ForPauseNotice(42, pausedAt.ToOffset(TimeSpan.FromHours(2))));
        Assert.NotEqual(nonce, MessageNonce.ForPauseNotice(42, pausedAt.AddTicks(1)));
        Assert.NotEqual(nonce, MessageNonce.ForPauseNotice(43, pausedAt));
        Assert.StartsWith("rp", nonce, StringComparison.Ordinal);
        Assert.Equal(24, nonce.Length);
    }
}
