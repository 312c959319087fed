using ReviewBot.Tests.Infrastructure;
using System.Globalization;
using System.Text;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

public sealed class SubscriptionCommandTests
{
    private const string Admin = "8";
    internal const string ManageChannels = "16";
    private const string SendOnly = "3072"; // View Channel + Send Messages
    private const string BotCanPost = "19456"; // View Channel + Send Messages + Embed Links

    [Fact]
    public async Task Subscribe_MemberWithoutManageChannels_IsRefusedAndNothingHappens()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, SendOnly), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Manage Channels", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    public async Task ChannelOption_ManageChannelsOnlyWhereTheCommandIsUsed_IsRefusedForAnotherChannel(string command)
    {
        // Manage Channels granted by an overwrite of this channel alone: member.permissions has it here,
        // the chosen channel's resolved permissions do not.
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(target);
        var handler = harness.Get<IEnumerable<ISlashCommand>>().Single(c => c.Definition.Name == command);

        var reply = await handler.ExecuteAsync(Command(command, here, ManageChannels, target: (target, 0), targetPermissions: SendOnly), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Manage Channels", reply.Message.Content, StringComparison.Ordinal);
        Assert.Contains($"<#{target}>", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(target));
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task ChannelOption_ManageChannelsThereToo_IsAccepted()
    {
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, ManageChannels, target: (target, 0)), CancellationToken.None);

        Assert.StartsWith("Done", reply.Message.Content, StringComparison.Ordinal);
        Assert.Single(harness.PostsIn(target));
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    public async Task ChannelOption_NotAmongTheResolvedChannels_IsRefusedAndNothingIsPosted(string command)
    {
        // Discord resolves every channel it puts in an option, and only this server's; an id it did not
        // resolve (another server's channel, a forged payload) is not one to post in or to remove.
        await using var harness = await StartAsync();
        var (here, elsewhere) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(elsewhere);
        var handler = harness.Get<IEnumerable<ISlashCommand>>().Single(c => c.Definition.Name == command);

        var reply = await handler.ExecuteAsync(Command(command, here, Admin, target: (elsewhere, 0), resolveTarget: false), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("channel option", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(elsewhere));
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_IsRegisteredForManageChannelsInServersOnly()
    {
        await using var harness = await StartAsync();

        var definition = Subscribe(harness).Definition;

        Assert.Equal(Permissions.ManageChannels, definition.DefaultMemberPermissions);
        Assert.Equal([InteractionContextType.Guild], definition.Contexts);
        var channel = definition.Options!.Single(o => o.Name == "channel");
        Assert.Equal([ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum], channel.ChannelTypes);
    }

    [Fact]
    public async Task Subscribe_Admin_PostsAConfirmationThenSavesWithTheRole()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels, role: 1_330_000_000_000_000_001), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.StartsWith("Done", reply.Message.Content, StringComparison.Ordinal);
        var confirmation = Assert.Single(harness.PostsIn(channel)).Body!.Value;
        Assert.Equal("""{"parse":[]}""", confirmation.GetProperty("allowed_mentions").GetRawText());
        var saved = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().Subscription;
        Assert.Equal(channel, saved.ChannelId);
        Assert.Equal(1_330_000_000_000_000_001UL, saved.RoleId);
        Assert.Null(saved.ShowId);
    }

    /// <summary>
    /// /subscribe again for the same channel naming another role mentions that role from then on; no
    /// second note is posted. Left out, the role stays as it was.
    /// </summary>
    [Fact]
    public async Task Subscribe_AgainWithAnotherRole_ChangesTheRoleWithoutASecondNote()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels, role: 1_330_000_000_000_000_001), CancellationToken.None);

        var changed = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels, role: 1_330_000_000_000_000_006), CancellationToken.None);
        var again = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels), CancellationToken.None);

        Assert.True(changed.IsEphemeral);
        Assert.StartsWith($"Changed: <#{channel}> now gets every new review, mentioning <@&1330000000000000006>", changed.Message.Content, StringComparison.Ordinal);
        Assert.Equal($"<#{channel}> already gets every new review, mentioning <@&1330000000000000006>. Nothing changed.", again.Message.Content);
        Assert.Single(harness.PostsIn(channel));
        var saved = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().Subscription;
        Assert.Equal(1_330_000_000_000_000_006UL, saved.RoleId);
    }

    /// <summary>
    /// A role its server does not let everyone mention pings only when mentioned by someone who may
    /// (Mention @everyone, @here, and All Roles). The bot may hold that permission itself, so without this
    /// check Manage Channels alone would let a member have every announcement ping a role they cannot.
    /// </summary>
    [Fact]
    public async Task Subscribe_RoleNotMentionable_ByAMemberWhoCannotMentionIt_IsRefusedAndNothingHappens()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(
            Command("subscribe", channel, ManageChannels, role: 1_330_000_000_000_000_002, roleMentionable: false), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("Mention @everyone, @here, and All Roles", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(channel));
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Theory]
    [InlineData("131088")] // Manage Channels + Mention @everyone, @here, and All Roles
    [InlineData(Admin)]
    public async Task Subscribe_RoleNotMentionable_ByAMemberWhoMayMentionIt_IsSaved(string permissions)
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(
            Command("subscribe", channel, permissions, role: 1_330_000_000_000_000_003, roleMentionable: false), CancellationToken.None);

        Assert.StartsWith("Done", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(1_330_000_000_000_000_003UL, (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().Subscription.RoleId);
    }

    [Fact]
    public async Task Subscribe_RoleNotMentionable_MayBeMentionedHereButNotInTheChosenChannel_IsRefused()
    {
        // Mention @everyone granted by an overwrite of the channel of use alone: the chosen channel is where the pings go.
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());

        var reply = await Subscribe(harness).ExecuteAsync(
            Command("subscribe", here, "131088", target: (target, 0), targetPermissions: ManageChannels, role: 1_330_000_000_000_000_004, roleMentionable: false),
            CancellationToken.None);

        Assert.Contains("Mention @everyone, @here, and All Roles", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(target));
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_RoleNotAmongTheResolvedRoles_IsRefusedAndNothingHappens()
    {
        // Discord resolves every role it puts in an option, and only this server's; an id it did not
        // resolve (another server's role, a forged payload) is not one to mention.
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(
            Command("subscribe", channel, Admin, role: 1_330_000_000_000_000_005, resolveRole: false), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("role option", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(channel));
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    /// <summary>
    /// A confirmation Discord posted but whose answer was lost on the way back (a proxy's 504) is
    /// resent, and the resend carries the same nonce, enforced: the channel gets one confirmation, not two.
    /// </summary>
    [Fact]
    public async Task Subscribe_ConfirmationWhoseAnswerWasLost_IsPostedOnce()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        harness.Server.AnswerWithServerErrorAfterActing(r => r.Route == "POST /channels/{channel_id}/messages");

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels), CancellationToken.None);

        Assert.StartsWith("Done", reply.Message.Content, StringComparison.Ordinal);
        var sends = harness.Server.Requests.Where(r => r.Route == "POST /channels/{channel_id}/messages").ToList();
        Assert.Equal(2, sends.Count);
        Assert.Equal(1, harness.Server.MessageCount);
        Assert.Single(sends.Select(r => r.Body!.Value.GetProperty("nonce").GetString()).Distinct());
        Assert.All(sends, r => Assert.True(r.Body!.Value.GetProperty("enforce_nonce").GetBoolean()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public async Task Subscribe_SaveFailsAfterTheNoteWasPosted_DeletesTheNoteAndSaysNothingWasSaved(int type)
    {
        // The database refuses the subscription's row only once the note is up (a full disk, a lock held
        // past the busy timeout): the note must not stand for a subscription that does not exist.
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());
        await harness.ScalarAsync("CREATE TRIGGER refuse BEFORE INSERT ON subscriptions BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (target, type)), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Matches(@"^I could not save the subscription for <#\d+> \(ref [A-Z2-9]{6}\), so nothing was saved; try /subscribe again later\. The (note I posted|post I made) in <#\d+> was removed\.$", reply.Message.Content);
        Assert.Single(harness.Server.Requests, r => r.Method == "DELETE" && r.Status is 200 or 204);
        Assert.Equal(0, harness.Server.MessageCount);
        Assert.Equal(0, harness.Server.ThreadCount);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscription_reservations"));
    }

    [Fact]
    public async Task Subscribe_PlaceLapsedAndTakenWhileTheNoteWasOnItsWay_DeletesThatNote()
    {
        // The note is answered only after the place held for it lapsed and the same subscription was
        // saved meanwhile (by another process's /subscribe): the note announces nothing.
        await using var harness = await StartAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        harness.SubscriptionClock = clock;
        harness.Restart();
        var channel = NewChannel();
        var note = harness.Server.HoldAnswers(r => r.Route == "POST /channels/{channel_id}/messages");

        var command = Task.Run(() => Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels), CancellationToken.None));
        await harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{channel}/messages");
        clock.Advance(SubscriptionStore.ReservationLifetime + TimeSpan.FromSeconds(1));
        await harness.SubscribeAsync(channel);
        note.Open();
        var reply = await command;

        Assert.Equal($"<#{channel}> already gets every new review. Nothing changed. The note I posted in <#{channel}> was removed.", reply.Message.Content);
        Assert.Equal(0, harness.Server.MessageCount);
        Assert.Equal(1, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_SaveFailsAndTheNoteCannotBeDeleted_AsksTheAdminToDeleteIt()
    {
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());
        await harness.ScalarAsync("CREATE TRIGGER refuse BEFORE INSERT ON subscriptions BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
        harness.Server.InjectError(403, 50013, "Missing Permissions", "DELETE /channels/{channel_id}/messages/{message_id}");

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (target, 0)), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("so nothing was saved", reply.Message.Content, StringComparison.Ordinal);
        Assert.EndsWith($"The note I posted in <#{target}> could not be removed; please delete it.", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(1, harness.Server.MessageCount);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_ForumPostTheBotMayNotDelete_DeletesItsMessageAndAsksTheAdminToDeleteThePost()
    {
        // Deleting a thread needs Manage Threads; the post's message is the bot's own to delete.
        await using var harness = await StartAsync();
        var (here, forum) = (NewChannel(), NewChannel());
        await harness.ScalarAsync("CREATE TRIGGER refuse BEFORE INSERT ON subscriptions BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
        harness.Server.InjectError(403, 50013, "Missing Permissions", "DELETE /channels/{channel_id}");

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (forum, 15)), CancellationToken.None);

        Assert.EndsWith($"The post I made in <#{forum}> could not be removed; please delete it.", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(0, harness.Server.MessageCount);
        Assert.Equal(1, harness.Server.ThreadCount);
    }

    [Fact]
    public async Task Subscribe_OtherChannelTheBotCannotSee_SavesNothingAndNamesThePermission()
    {
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());
        harness.Server.InjectError(403, 50001, "Missing Access", "POST /channels/{channel_id}/messages");

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (target, 0)), CancellationToken.None);

        Assert.Contains("View Channel", reply.Message.Content, StringComparison.Ordinal);
        Assert.Contains("Nothing was saved", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_BotLacksSendMessages_SavesNothingAndSaysSo()
    {
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());
        harness.Server.InjectError(403, 50013, "Missing Permissions", "POST /channels/{channel_id}/messages");

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (target, 5)), CancellationToken.None);

        Assert.Contains("Send Messages", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_ThisChannelWithoutEmbedLinks_IsRefusedBeforePosting()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, appPermissions: SendOnly), CancellationToken.None);

        Assert.Contains("Embed Links", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_Forum_ConfirmsWithAPostAndSavesAForumSubscription()
    {
        await using var harness = await StartAsync();
        var (here, forum) = (NewChannel(), NewChannel());

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (forum, 15)), CancellationToken.None);

        Assert.StartsWith("Done", reply.Message.Content, StringComparison.Ordinal);
        Assert.Single(harness.Server.Requests, r => r.Path == $"/channels/{forum}/threads");
        Assert.Equal(ChannelKind.Forum, (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().Subscription.Kind);
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    public async Task ShowOption_UnknownLongMarkdownText_IsEchoedShortAndEscaped(string command)
    {
        // Discord's max_length binds only its client: the whole text was echoed, cut at the reply's
        // 2,000 characters, with its Markdown formatting the reply.
        await using var harness = await StartAsync();
        var handler = harness.Get<IEnumerable<ISlashCommand>>().Single(c => c.Definition.Name == command);
        var typed = "**bold** <@&1330000000000000001> " + new string('a', 5000);

        var reply = await handler.ExecuteAsync(Command(command, NewChannel(), Admin, show: typed), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("\\*\\*bold\\*\\*", reply.Message.Content, StringComparison.Ordinal);
        Assert.DoesNotContain("**bold**", reply.Message.Content, StringComparison.Ordinal);
        Assert.InRange(reply.Message.Content!.Length, 1, 300);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\t")]
    public async Task Unsubscribe_ShowOptionOfBlanksOnly_IsRefusedInsteadOfRemovingEveryShowsSubscription(string blank)
    {
        // A show option that is there but blank names no show: read as left out, it would stop all of
        // the channel's announcements, which is not what anyone who filled in the option asked for.
        await using var harness = await StartAsync();
        await harness.ImportAsync(announce: false);
        var channel = NewChannel();
        var showId = (await harness.Get<ReviewBot.Core.ShowSearch.ShowResolver>().ResolveAsync("Metallic Rouge", CancellationToken.None)).Show!.Id;
        await harness.SubscribeAsync(channel);
        await harness.SubscribeAsync(channel, showId);
        var command = harness.Get<IEnumerable<ISlashCommand>>().OfType<UnsubscribeCommand>().Single();

        var reply = await command.ExecuteAsync(Command("unsubscribe", channel, Admin, show: blank), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("show option is empty", reply.Message.Content, StringComparison.Ordinal);
        Assert.Equal(2, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_ShowOptionOfBlanksOnly_IsRefusedInsteadOfSubscribingToEveryShow()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, show: "  "), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("show option is empty", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(channel));
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    public async Task ShowOption_UnknownTextWithControlCharacters_IsEchoedWithThemAsCodePoints(string command)
    {
        await using var harness = await StartAsync();
        var handler = harness.Get<IEnumerable<ISlashCommand>>().Single(c => c.Definition.Name == command);

        var reply = await handler.ExecuteAsync(Command(command, NewChannel(), Admin, show: "Rouge\u0000\n# big"), CancellationToken.None);

        Assert.Contains("\"Rouge\\<U+0000>\\<U+000A># big\"", reply.Message.Content, StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Message.Content!, char.IsControl);
    }

    [Fact]
    public async Task Subscribe_RoleThatIsTheServersEveryoneRole_IsRefusedAndNothingHappens()
    {
        // @everyone's role id is the server's own id; Discord lists it in the role option.
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, role: Guild), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("can't mention @everyone", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.PostsIn(channel));
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Theory]
    [InlineData(2)] // a voice channel
    [InlineData(4)] // a category
    [InlineData(11)] // a thread
    public async Task Subscribe_ChannelOptionThatCannotTakeAnnouncements_IsRefusedAndNothingIsPosted(int type)
    {
        // Discord's client offers only the registered channel types; a stale or forged client need not.
        await using var harness = await StartAsync();
        var (here, target) = (NewChannel(), NewChannel());

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", here, Admin, target: (target, type)), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("cannot hold announcements", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_UsedInAThreadWithoutAChannel_IsRefusedAndNothingIsPosted()
    {
        await using var harness = await StartAsync();
        var (thread, parent) = (NewChannel(), NewChannel());

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", thread, Admin, threadOf: parent), CancellationToken.None);

        Assert.Contains("cannot hold announcements", reply.Message.Content, StringComparison.Ordinal);
        // The channel the thread or post belongs to is named, for the member to pick.
        Assert.Contains($"channel:<#{parent}>", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscribe_ShowTitleWithMarkdown_IsEscapedInTheReplies()
    {
        await using var harness = await StartAsync();
        await harness.ImportAsync(show: "Dr. *Stone* __New__", announce: false);
        var channel = NewChannel();

        var done = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, show: "Dr. *Stone* __New__"), CancellationToken.None);
        var suggested = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, show: "Dr Stne New"), CancellationToken.None);
        var stopped = await harness.Get<IEnumerable<ISlashCommand>>().OfType<UnsubscribeCommand>().Single()
            .ExecuteAsync(Command("unsubscribe", channel, Admin, show: "Dr. *Stone* __New__"), CancellationToken.None);

        Assert.Contains("**Dr. \\*Stone\\* \\_\\_New\\_\\_**", done.Message.Content, StringComparison.Ordinal);
        Assert.Contains("**Dr. \\*Stone\\* \\_\\_New\\_\\_**", suggested.Message.Content, StringComparison.Ordinal);
        Assert.Contains("**Dr. \\*Stone\\* \\_\\_New\\_\\_**", stopped.Message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ForAShow_ResolvesTheTitleAndRefusesTheSameTwice()
    {
        await using var harness = await StartAsync();
        await harness.ImportAsync(announce: false);
        var channel = NewChannel();

        var first = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, show: "metallic rouge"), CancellationToken.None);
        var second = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, show: "Metallic Rouge"), CancellationToken.None);
        var unknown = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, Admin, show: "Metalic Rogue"), CancellationToken.None);

        Assert.Contains("**Metallic Rouge**", first.Message.Content, StringComparison.Ordinal);
        Assert.Contains("already gets", second.Message.Content, StringComparison.Ordinal);
        Assert.Contains("Did you mean **Metallic Rouge**", unknown.Message.Content, StringComparison.Ordinal);
        Assert.Single(harness.PostsIn(channel));
        Assert.Equal(1, (await harness.Get<SubscriptionStore>().GetForChannelAsync(channel, CancellationToken.None)).Count(s => s.ShowId is not null));
    }

    [Fact]
    public async Task Subscribe_TypoNearFiveLongTitlesFullOfMarkdown_ListsEverySuggestionWholeAndTheQuestionMark()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < 5; i++)
        {
            await harness.ImportAsync($"Starlight Voyage {(char)('A' + i)} {string.Concat(Enumerable.Repeat("*** ", 120)).TrimEnd()}", announce: false);
        }

        var unknown = await Subscribe(harness).ExecuteAsync(Command("subscribe", NewChannel(), Admin, show: "Starlight Voyaeg"), CancellationToken.None);

        var content = unknown.Message.Content!;
        Assert.InRange(content.Length, 1, 2000);
        Assert.EndsWith("?", content, StringComparison.Ordinal);
        Assert.Equal(5, System.Text.RegularExpressions.Regex.Count(content, @"\*\*Starlight Voyage [A-E] "));
        MarkdownAssert.WellFormed(content);
    }

    [Fact]
    public async Task Subscribe_ServerAtTheLimit_IsRefusedWithAClearMessage()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < SubscriptionStore.MaxPerGuild; i++)
        {
            await harness.SubscribeAsync(NewChannel());
        }

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", NewChannel(), Admin), CancellationToken.None);

        Assert.Contains($"already has {SubscriptionStore.MaxPerGuild} subscriptions", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    /// <summary>
    /// Several /subscribe at once with one place left: the note each posts to prove the bot may post
    /// there must go only where the subscription is then saved. Discord's answers to the notes are held
    /// until every command has either posted or answered, so all of them are in flight together.
    /// </summary>
    [Fact]
    public async Task Subscribe_SeveralAtOnceWithOnePlaceLeft_OnlyTheSavedChannelGetsANote()
    {
        await using var harness = await StartAsync();
        for (var i = 0; i < SubscriptionStore.MaxPerGuild - 1; i++)
        {
            await harness.SubscribeAsync(NewChannel());
        }

        var channels = Enumerable.Range(0, 4).Select(_ => NewChannel()).ToList();
        var notes = harness.Server.HoldAnswers(r => r.Route == "POST /channels/{channel_id}/messages");

        var commands = channels.Select(c => Task.Run(() => Subscribe(harness).ExecuteAsync(Command("subscribe", c, ManageChannels), CancellationToken.None))).ToList();
        await Task.WhenAll(channels.Select((c, i) => Task.WhenAny(
            commands[i],
            harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{c}/messages"))));
        notes.Open();
        var replies = await Task.WhenAll(commands);

        var saved = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Select(s => s.Subscription.ChannelId).ToHashSet();
        Assert.Equal(SubscriptionStore.MaxPerGuild, saved.Count);
        Assert.Single(replies, r => r.Message.Content!.StartsWith("Done", StringComparison.Ordinal));
        Assert.All(channels.Where(c => !saved.Contains(c)), c => Assert.DoesNotContain(harness.Server.Requests, r => r.Path == $"/channels/{c}/messages"));
        Assert.Single(harness.PostsIn(Assert.Single(channels, saved.Contains)));
    }

    [Fact]
    public async Task Unsubscribe_RemovesTheChannelsSubscription()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        var command = harness.Get<IEnumerable<ISlashCommand>>().OfType<UnsubscribeCommand>().Single();

        var refused = await command.ExecuteAsync(Command("unsubscribe", channel, SendOnly), CancellationToken.None);
        var reply = await command.ExecuteAsync(Command("unsubscribe", channel, Admin), CancellationToken.None);
        var again = await command.ExecuteAsync(Command("unsubscribe", channel, Admin), CancellationToken.None);

        Assert.Contains("Manage Channels", refused.Message.Content, StringComparison.Ordinal);
        Assert.StartsWith("Done", reply.Message.Content, StringComparison.Ordinal);
        Assert.Contains("has no subscription", again.Message.Content, StringComparison.Ordinal);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Unsubscribe_InAPostOfASubscribedForumWithoutAChannel_StopsTheForumsSubscription()
    {
        // A post holds no subscription of its own: the announcements in it are its forum's.
        await using var harness = await StartAsync();
        var (forum, post) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        var command = harness.Get<IEnumerable<ISlashCommand>>().OfType<UnsubscribeCommand>().Single();

        var reply = await command.ExecuteAsync(Command("unsubscribe", post, ManageChannels, threadOf: forum), CancellationToken.None);

        Assert.Equal($"Done: <#{forum}> gets no more announcements (1 subscription removed).", reply.Message.Content);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Fact]
    public async Task Subscriptions_MorePausedThanAMessageHasButtonsFor_GivesEveryPausedLineItsButtonOverPages()
    {
        await using var harness = await StartAsync();
        var channels = Enumerable.Range(0, 30).Select(_ => NewChannel()).ToList();
        foreach (var channel in channels)
        {
            await harness.SubscribeAsync(channel);
            await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "the post is locked (Discord: Thread Locked)", CancellationToken.None);
        }

        var list = harness.Get<IEnumerable<ISlashCommand>>().OfType<SubscriptionsCommand>().Single();
        var shown = new List<string>();
        var buttons = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var listed = await list.ExecuteAsync(Command("subscriptions", channels[0], ManageChannels, page: page), CancellationToken.None);
            var description = listed.Message.Embeds![0].Description!;
            var ids = System.Text.RegularExpressions.Regex.Matches(description, @"^\*\*#(\d+)\*\*", System.Text.RegularExpressions.RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            var pageButtons = (listed.Message.Components ?? []).SelectMany(r => r.Components!).Select(b => b.CustomId!["sub-resume:".Length..]).ToList();

            // Every paused line on a page has its button on that page.
            Assert.Equal(ids, pageButtons);
            shown.AddRange(ids);
            buttons.AddRange(pageButtons);
        }

        Assert.Equal(30, shown.Distinct().Count());
        Assert.Equal(30, buttons.Distinct().Count());
    }

    [Fact]
    public async Task Subscriptions_PausedOne_ShowsReasonAndAResumeButtonThatResumesAfterCheckingAccess()
    {
        await using var harness = await StartAsync();
        var (active, paused) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(active);
        var broken = await harness.SubscribeAsync(paused);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(paused, "the bot lacks a permission there (Discord: Missing Permissions); give it Send Messages", CancellationToken.None);
        var list = harness.Get<IEnumerable<ISlashCommand>>().OfType<SubscriptionsCommand>().Single();
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var listed = await list.ExecuteAsync(Command("subscriptions", active, ManageChannels), CancellationToken.None);
        harness.Server.InjectError(403, 50013, "Missing Permissions", "POST /channels/{channel_id}/messages");
        var stillBroken = await resume.HandleAsync(Command("subscriptions", paused, ManageChannels), broken.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        var stillPaused = (await harness.Get<SubscriptionStore>().GetAsync(broken.Id, CancellationToken.None))!.IsPaused;
        var resumed = await resume.HandleAsync(Command("subscriptions", paused, ManageChannels), broken.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.True(listed.IsEphemeral);
        var description = listed.Message.Embeds![0].Description!;
        Assert.Contains("**paused** since", description, StringComparison.Ordinal);
        Assert.Contains("Missing Permissions", description, StringComparison.Ordinal);
        Assert.Contains(" · active", description, StringComparison.Ordinal);
        var button = Assert.Single(listed.Message.Components!).Components!.Single();
        Assert.Equal($"sub-resume:{broken.Id}", button.CustomId);
        Assert.Contains("stays paused", stillBroken.Message.Content, StringComparison.Ordinal);
        Assert.True(stillPaused);
        Assert.StartsWith("Resumed", resumed.Message.Content, StringComparison.Ordinal);
        Assert.False((await harness.Get<SubscriptionStore>().GetAsync(broken.Id, CancellationToken.None))!.IsPaused);
        Assert.Single(harness.PostsIn(paused));
    }

    /// <summary>
    /// Resume posts a note in the paused channel before it resumes: an /unsubscribe while that note is
    /// on its way must not leave the note in a channel with no subscription, nor let Resume answer
    /// "Resumed". The resume is held first, so the /unsubscribe meanwhile is told to wait and changes
    /// nothing; once resumed, /unsubscribe works as before. Discord's answer to the note is held until
    /// the /unsubscribe has answered.
    /// </summary>
    [Fact]
    public async Task ResumeButton_UnsubscribeWhileItsNoteIsPosted_IsToldToWaitAndTheNoteStandsForAResumedSubscription()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();
        var unsubscribe = harness.Get<IEnumerable<ISlashCommand>>().OfType<UnsubscribeCommand>().Single();
        var note = harness.Server.HoldAnswers(r => r.Path == $"/channels/{channel}/messages");

        var resuming = Task.Run(() => resume.HandleAsync(
            Command("subscriptions", channel, ManageChannels), subscription.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None));
        await Task.WhenAny(resuming, harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{channel}/messages"));
        var meanwhile = await unsubscribe.ExecuteAsync(Command("unsubscribe", channel, Admin), CancellationToken.None);
        note.Open();
        var resumed = await resuming;
        var afterwards = await unsubscribe.ExecuteAsync(Command("unsubscribe", channel, Admin), CancellationToken.None);

        Assert.Contains("being resumed", meanwhile.Message.Content, StringComparison.Ordinal);
        Assert.StartsWith("Resumed", resumed.Message.Content, StringComparison.Ordinal);
        Assert.Single(harness.PostsIn(channel));
        Assert.StartsWith("Done", afterwards.Message.Content, StringComparison.Ordinal);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    /// <summary>
    /// The database refuses the resume only once its note is up (a full disk, a lock held past the busy
    /// timeout): "Review announcements resumed." must not stand in a channel that stays paused, and the
    /// member is told, in one line, that nothing changed.
    /// </summary>
    [Fact]
    public async Task ResumeButton_SaveFailsAfterTheNoteWasPosted_DeletesTheNoteAndSaysItStaysPaused()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        await harness.ScalarAsync("CREATE TRIGGER refuse BEFORE UPDATE OF paused_at ON subscriptions BEGIN SELECT RAISE(ABORT, 'the disk is full'); END");
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var reply = await resume.HandleAsync(Command("subscriptions", channel, ManageChannels), subscription.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Matches(@"^I could not resume announcements in <#\d+> \(ref [A-Z2-9]{6}\), so it stays paused; try Resume again later\. The note I posted in <#\d+> was removed\.$", reply.Message.Content);
        Assert.Single(harness.Server.Requests, r => r.Method == "DELETE" && r.Status is 200 or 204);
        Assert.Equal(0, harness.Server.MessageCount);
        Assert.True((await harness.Get<SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscription_resumptions"));
    }

    /// <summary>Two presses of Resume at once post one note: the second is told the first is under way.</summary>
    [Fact]
    public async Task ResumeButton_PressedTwiceAtOnce_PostsOneNote()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();
        var note = harness.Server.HoldAnswers(r => r.Path == $"/channels/{channel}/messages");
        var id = subscription.Id.ToString(CultureInfo.InvariantCulture);

        var first = Task.Run(() => resume.HandleAsync(Command("subscriptions", channel, ManageChannels), id, CancellationToken.None));
        await Task.WhenAny(first, harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{channel}/messages"));
        var second = await resume.HandleAsync(Command("subscriptions", channel, ManageChannels), id, CancellationToken.None);
        note.Open();
        var firstReply = await first;

        Assert.StartsWith("Resumed", firstReply.Message.Content, StringComparison.Ordinal);
        Assert.Contains("being resumed", second.Message.Content, StringComparison.Ordinal);
        Assert.Single(harness.PostsIn(channel));
        Assert.False((await harness.Get<SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
    }

    /// <summary>
    /// A button carries only the subscription's id and member.permissions are the member's in the channel
    /// of use alone: Manage Channels granted by an overwrite in another channel is no right to make the
    /// bot post again in the subscription's.
    /// </summary>
    [Fact]
    public async Task ResumeButton_ManageChannelsOnlyInAnotherChannel_IsRefusedAndStaysPaused()
    {
        await using var harness = await StartAsync();
        var (channel, elsewhere) = (NewChannel(), NewChannel());
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var reply = await resume.HandleAsync(Command("subscriptions", elsewhere, ManageChannels), subscription.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains($"run /subscriptions in <#{channel}>", reply.Message.Content, StringComparison.Ordinal);
        Assert.True((await harness.Get<SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
        Assert.Empty(harness.PostsIn(channel));
    }

    [Fact]
    public async Task ResumeButton_AdministratorInAnotherChannel_Resumes()
    {
        await using var harness = await StartAsync();
        var (channel, elsewhere) = (NewChannel(), NewChannel());
        var subscription = await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "Missing Access", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var reply = await resume.HandleAsync(Command("subscriptions", elsewhere, Admin), subscription.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.StartsWith("Resumed", reply.Message.Content, StringComparison.Ordinal);
        Assert.False((await harness.Get<SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
    }

    /// <summary>Commands cannot be used in a forum itself, only in its posts, which take the forum's permissions.</summary>
    [Fact]
    public async Task ResumeButton_InAPostOfTheSubscribedForum_Resumes()
    {
        await using var harness = await StartAsync();
        var (forum, post) = (NewChannel(), NewChannel());
        var subscription = await harness.SubscribeAsync(forum, kind: ChannelKind.Forum);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(forum, "Missing Access", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var elsewhere = await resume.HandleAsync(Command("subscriptions", NewChannel(), ManageChannels), subscription.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);
        var reply = await resume.HandleAsync(Command("subscriptions", post, ManageChannels, threadOf: forum), subscription.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Contains($"run /subscriptions in one of <#{forum}>'s posts", elsewhere.Message.Content, StringComparison.Ordinal);
        Assert.StartsWith("Resumed", reply.Message.Content, StringComparison.Ordinal);
        Assert.False((await harness.Get<SubscriptionStore>().GetAsync(subscription.Id, CancellationToken.None))!.IsPaused);
    }

    [Fact]
    public async Task ResumeButton_SubscriptionOfAnotherServer_IsNotTouched()
    {
        await using var harness = await StartAsync();
        var other = await harness.SubscribeAsync(NewChannel(), guild: Guild + 1);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(other.ChannelId, "x", CancellationToken.None);
        var resume = harness.Get<IEnumerable<IComponentHandler>>().OfType<ResumeSubscriptionHandler>().Single();

        var reply = await resume.HandleAsync(Command("subscriptions", NewChannel(), Admin), other.Id.ToString(CultureInfo.InvariantCulture), CancellationToken.None);

        Assert.Contains("no longer exists", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
    }

    [Fact]
    public async Task Subscribe_WithMinVerdict_StoresItAndSubscriptionsShowsIt()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels, minVerdict: 8), CancellationToken.None);

        Assert.Contains("with a verdict of 8/10 or better", reply.Message.Content, StringComparison.Ordinal);
        var saved = (await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Single().Subscription;
        Assert.Equal(8, saved.MinVerdict);
        var list = await harness.Get<IEnumerable<ISlashCommand>>().OfType<SubscriptionsCommand>().Single()
            .ExecuteAsync(Command("subscriptions", channel, ManageChannels), CancellationToken.None);
        Assert.Contains($"<#{channel}> · every show · 8/10 or better · active", list.Message.Embeds![0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_AgainWithAnotherMinVerdict_ChangesTheExistingSubscriptionWithoutPosting()
    {
        await using var harness = await StartAsync();
        var channel = NewChannel();
        await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels, minVerdict: 8), CancellationToken.None);
        var posts = harness.PostsIn(channel).Count;

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", channel, ManageChannels, minVerdict: 6), CancellationToken.None);

        Assert.StartsWith("Changed", reply.Message.Content, StringComparison.Ordinal);
        var saved = Assert.Single(await harness.Get<SubscriptionStore>().ListAsync(Guild, CancellationToken.None)).Subscription;
        Assert.Equal(6, saved.MinVerdict);
        Assert.Equal(posts, harness.PostsIn(channel).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(11)]
    public async Task Subscribe_MinVerdictOutsideOneToTen_IsRefusedAndNothingIsSaved(long minVerdict)
    {
        await using var harness = await StartAsync();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", NewChannel(), ManageChannels, minVerdict: minVerdict), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("1 to 10", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    [Theory]
    [InlineData("8.5")]
    [InlineData("1e1")]
    [InlineData("\"eight\"")]
    [InlineData("99999999999999999999")]
    [InlineData("{}")]
    public async Task Subscribe_MinVerdictThatIsNoWholeNumber_IsRefusedRatherThanLeftOut(string json)
    {
        // Read as missing, it made a subscription for every review where the admin asked for a minimum.
        await using var harness = await StartAsync();

        var reply = await Subscribe(harness).ExecuteAsync(Command("subscribe", NewChannel(), ManageChannels, minVerdictJson: json), CancellationToken.None);

        Assert.True(reply.IsEphemeral);
        Assert.Contains("1 to 10", reply.Message.Content, StringComparison.Ordinal);
        Assert.Empty(harness.Server.Requests);
        Assert.Equal(0, await harness.ScalarAsync("SELECT COUNT(*) FROM subscriptions"));
    }

    private static SubscribeCommand Subscribe(AnnouncementHarness harness) =>
        harness.Get<IEnumerable<ISlashCommand>>().OfType<SubscribeCommand>().Single();

    /// <summary>An interaction as the gateway delivers it, used in <paramref name="channel"/> by a member with <paramref name="memberPermissions"/>.</summary>
    internal static InteractionContext Command(
        string name, ulong channel, string memberPermissions, (ulong Id, int Type)? target = null, string? show = null, ulong? role = null, string appPermissions = BotCanPost, int? page = null, long? minVerdict = null,
        string? targetPermissions = null, bool resolveTarget = true, string? minVerdictJson = null, ulong? threadOf = null,
        bool roleMentionable = true, bool resolveRole = true)
    {
        var options = new List<string>();
        if ((minVerdictJson ?? minVerdict?.ToString(CultureInfo.InvariantCulture)) is { } m)
        {
            options.Add($$"""{"name":"min_verdict","type":4,"value":{{m}}}""");
        }

        if (page is { } p)
        {
            options.Add($$"""{"name":"page","type":4,"value":{{p}}}""");
        }

        var resolvedParts = new List<string>();
        if (target is { } t)
        {
            options.Add($$"""{"name":"channel","type":7,"value":"{{t.Id}}"}""");
            // Discord resolves a chosen channel with the invoker's permissions there, overwrites included.
            if (resolveTarget)
            {
                resolvedParts.Add("\"channels\":{\"" + t.Id + "\":{\"id\":\"" + t.Id + "\",\"type\":" + t.Type + ",\"name\":\"target\",\"permissions\":\"" + (targetPermissions ?? memberPermissions) + "\"}}");
            }
        }

        if (show is not null)
        {
            options.Add($$"""{"name":"show","type":3,"value":{{System.Text.Json.JsonSerializer.Serialize(show)}}}""");
        }

        if (role is { } r)
        {
            options.Add($$"""{"name":"role","type":8,"value":"{{r}}"}""");
            // Discord resolves a chosen role as this server's role object, with whether anyone may mention it.
            if (resolveRole)
            {
                resolvedParts.Add($$$"""
                    "roles":{"{{{r}}}":{"id":"{{{r}}}","name":"readers","color":0,"hoist":false,"position":1,"permissions":"0","managed":false,"mentionable":{{{(roleMentionable ? "true" : "false")}}}}}
                    """);
            }
        }

        var resolved = resolvedParts.Count == 0 ? "" : ",\"resolved\":{" + string.Join(",", resolvedParts) + "}";

        // A post or thread arrives as its own channel, with the channel it belongs to as its parent.
        var channelJson = threadOf is { } parent
            ? $"{{\"id\":\"{channel}\",\"type\":11,\"parent_id\":\"{parent}\"}}"
            : $"{{\"id\":\"{channel}\",\"type\":0}}";
        var json = $$"""
            {"id":"1340000000000000001","application_id":"1100000000000000001","type":2,"token":"interaction-token","version":1,
             "guild_id":"{{Guild}}","channel_id":"{{channel}}","channel":{{channelJson}},
             "app_permissions":"{{appPermissions}}",
             "member":{"user":{"id":"1350000000000000001","username":"admin"},"roles":[],"permissions":"{{memberPermissions}}"},
             "data":{"id":"1360000000000000001","name":"{{name}}","type":1,"options":[{{string.Join(",", options)}}]{{resolved}}
            """ + "}}";
        return new InteractionContext(InteractionJson.Parse(Encoding.UTF8.GetBytes(json)));
    }
}
