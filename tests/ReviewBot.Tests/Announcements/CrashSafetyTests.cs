using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Subscriptions.Delivery;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// The send-then-crash window in process: a post Discord created but the bot never recorded is resent
/// with the same nonce and comes back as the same message. The process-level kills are in
/// <see cref="ProcessCrashTests"/>.
/// </summary>
public sealed class CrashSafetyTests
{
    [Fact]
    public async Task CrashBetweenDiscordsAnswerAndTheRecord_ResendReturnsTheSameMessage()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        var review = await harness.ImportAsync();
        var work = (await harness.Get<AnnouncementStore>().LoadWorkAsync(10, CancellationToken.None)).Single();
        var content = (await harness.Get<AnnouncementStore>().LoadContentAsync([review], CancellationToken.None))[review];
        // The bot posted, Discord created the message, and the bot died before recording it.
        var lost = await harness.Get<DiscordRestClient>().CreateMessageAsync(new Snowflake(channel), harness.Get<AnnouncementRenderer>().Render(content, work));

        harness.Restart();
        await harness.DeliverAsync();

        Assert.Equal(1, harness.Server.MessageCount);
        Assert.Equal([MessageNonce.ForAnnouncement(review, subscription.Id)], harness.MessagesIn(channel));
        Assert.Equal(lost.Id.Value, Assert.Single(await harness.AnnouncementsAsync(), r => r.Status == AnnouncementStatus.Sent).MessageId);
    }
}
