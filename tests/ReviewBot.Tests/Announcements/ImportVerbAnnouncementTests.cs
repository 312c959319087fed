using ReviewBot.Core.Reviews;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>The <c>import</c> verb as operators run it beside the bot: through Program.RunAsync, on the bot's database.</summary>
public sealed class ImportVerbAnnouncementTests
{
    [Fact]
    public async Task ImportVerb_NoAnnounce_StoresSilently_WhilePlainImportQueuesForEverySubscription()
    {
        await using var harness = await StartAsync();
        await harness.SubscribeAsync(NewChannel());
        await harness.SubscribeAsync(NewChannel());
        var archive = Path.Combine(harness.Folder, "archive");
        Directory.CreateDirectory(archive);
        await File.WriteAllTextAsync(Path.Combine(archive, "frieren.txt"), Review("Frieren"));
        await File.WriteAllTextAsync(Path.Combine(archive, "blue-lock.txt"), Review("Blue Lock"));
        var fresh = Path.Combine(harness.Folder, "dungeon-meshi.txt");
        await File.WriteAllTextAsync(fresh, Review("Dungeon Meshi"));

        var silent = await RunAsync(harness, "import", archive, "--no-announce");
        var afterSilent = (await harness.AnnouncementsAsync()).Count;
        var again = await RunAsync(harness, "import", archive);
        var afterAgain = (await harness.AnnouncementsAsync()).Count;
        var announced = await RunAsync(harness, "import", fresh);

        Assert.Equal(0, silent.ExitCode);
        Assert.Equal(2, (await harness.Get<ReviewStore>().GetLatestAsync(100, CancellationToken.None)).Count(r => r.Show.Title is "Frieren" or "Blue Lock"));
        Assert.Equal(0, afterSilent);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, afterAgain); // unchanged reviews are not new: nothing to announce
        Assert.Equal(0, announced.ExitCode);
        Assert.Equal(2, await harness.CountAnnouncementsAsync(r => r.Status == AnnouncementStatus.Pending));
    }

    [Theory]
    [InlineData("unsubscribe")]
    [InlineData("subscriptions")]
    public async Task OtherSubscriptionCommands_MemberWithoutManageChannels_AreRefusedOnTheServerSide(string name)
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        var command = harness.Get<IEnumerable<ISlashCommand>>().Single(c => c.Definition.Name == name);

        var reply = await command.ExecuteAsync(SubscriptionCommandTests.Command(name, channel, memberPermissions: "2048"), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Manage Channels", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
        Assert.Null(reply.Message.Embeds);
    }

    [Fact]
    public async Task ResumeButton_MemberWithoutManageChannels_IsRefusedAndTheChannelStaysPaused()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<Core.Subscriptions.SubscriptionStore>().PauseChannelAsync(channel, "the channel no longer exists (Discord: Unknown Channel)", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var reply = await resume.HandleAsync(
            SubscriptionCommandTests.Command("subscriptions", channel, memberPermissions: "2048"),
            subscription.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            CancellationToken.None);

        Assert.Contains("Manage Channels", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.True((await harness.Get<Core.Subscriptions.SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
    }

    private static async Task<(int ExitCode, string Out, string Error)> RunAsync(AnnouncementHarness harness, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await Program.RunAsync(
            [.. args, $"--ConnectionStrings:Reviews={harness.ConnectionString}", "--Reviews:ImportSamplesWhenEmpty=false"],
            stdout, stderr, CancellationToken.None);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}
