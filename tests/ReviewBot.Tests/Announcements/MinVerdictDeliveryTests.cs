using ReviewBot.Core.Subscriptions;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>A subscription's minimum verdict, end to end through the delivery worker and FakeDiscord.</summary>
public sealed class MinVerdictDeliveryTests
{
    private const string EditMessage = "PATCH /channels/{channel_id}/messages/{message_id}";

    [Fact]
    public async Task Deliver_ReviewBelowTheMinimum_PostsOnlyWhereItQualifiesThenAnEditAcrossItPostsOnceAndDeletesNothing()
    {
        await using var harness = await StartAsync();
        var (every, strict) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(every);
        var added = await harness.Get<SubscriptionStore>().AddAsync(
            new NewSubscription(Guild, strict, ChannelKind.Text, null, null, 42, MinVerdict: 8), CancellationToken.None);
        Assert.Equal(SubscribeOutcome.Created, added.Outcome);

        await harness.ImportAsync(text: ReviewWithVerdict("6/10"));
        await harness.DeliverAsync();

        Assert.Single(harness.MessagesIn(every));
        Assert.Empty(harness.MessagesIn(strict));

        // Raised to 9: the strict channel gets it now, once; the posted one is edited in place.
        await harness.ImportAsync(text: ReviewWithVerdict("9/10"));
        await harness.DeliverAsync();
        await harness.ImportAsync(text: ReviewWithVerdict("8/10"));
        await harness.DeliverAsync();

        Assert.Single(harness.MessagesIn(every));
        Assert.Single(harness.MessagesIn(strict));
        Assert.Contains("9/10", harness.PostsIn(strict).Single().BodyText, StringComparison.Ordinal);

        // Lowered to 5: nothing posted is taken back; both messages show the new verdict.
        await harness.ImportAsync(text: ReviewWithVerdict("5/10"));
        await harness.DeliverAsync();

        Assert.DoesNotContain(harness.Server.Requests, r => r.Method == "DELETE");
        Assert.Single(harness.MessagesIn(strict));
        var lastEdits = harness.Server.Requests.Where(r => r.Route == EditMessage).TakeLast(2).ToList();
        Assert.All(lastEdits, e => Assert.Contains("5/10", e.BodyText, StringComparison.Ordinal));
        Assert.Equal([$"/channels/{every}", $"/channels/{strict}"], lastEdits.Select(e => e.Path[..e.Path.LastIndexOf("/messages", StringComparison.Ordinal)]).Order());
        Assert.Empty(harness.Server.SchemaViolations);
    }
}
