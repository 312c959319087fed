using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Models;
using ReviewBot.Subscriptions.Delivery;
using ReviewBot.Tests.Infrastructure;
using static ReviewBot.Tests.Announcements.AnnouncementHarness;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// The notice a server gets in its system channel when its announcements in a channel are paused:
/// told once, also when the telling was cut short, and without asking Discord about the server on
/// every pass when it cannot say.
/// </summary>
public sealed class PauseNoticeTests
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";
    private const string GetGuild = "GET /guilds/{guild_id}";

    /// <summary>
    /// Discord fails the notice's post (a 5xx through every retry of the REST client): the claim on the
    /// notice is not confirmed, so once it expires a later delivery pass tells the server, once.
    /// </summary>
    [Fact]
    public async Task PauseNotice_PostFailsOnTheWay_IsToldByALaterPassOnce()
    {
        await using var harness = await StartAsync();
        var clock = OnSubscriptionClock(harness);
        var (channel, system) = (NewChannel(), NewChannel());
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        // The announcement is refused with and without its chart (the channel is paused), then the notice fails three times.
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        harness.Server.InjectServerError(500, CreateMessage, times: 3);

        await harness.DeliverAsync();
        var toldAtFirst = harness.PostsIn(system).Count;
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();

        Assert.Equal(0, toldAtFirst);
        var notice = Assert.Single(harness.PostsIn(system)).Body!.Value;
        Assert.Contains($"<#{channel}>", notice.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A process claimed the notice and stopped before posting it (a crash, a restart): another process's
    /// delivery pass tells the server once the claim has expired, not before.
    /// </summary>
    [Fact]
    public async Task PauseNotice_ClaimedByAProcessThatStopped_IsToldByAnotherOnceTheClaimExpires()
    {
        await using var harness = await StartAsync();
        var clock = OnSubscriptionClock(harness);
        var (channel, system) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        var store = harness.Get<SubscriptionStore>();
        await store.PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);
        Assert.NotNull(await harness.Get<PauseNotices>().ClaimAsync(channel, CancellationToken.None));

        harness.Restart();
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        await harness.DeliverAsync();
        var toldWhileClaimed = harness.PostsIn(system).Count;
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();
        clock.Advance(PauseNotifier.LookEvery);
        await harness.DeliverAsync();

        Assert.Equal(0, toldWhileClaimed);
        Assert.Single(harness.PostsIn(system));
    }

    /// <summary>
    /// A notice's post held up past the claim's lifetime (long rate-limit waits) lets another pass claim
    /// and post the same notice: both carry the nonce of that pause, so Discord answers the second with
    /// the message the first created and the server reads the notice once.
    /// </summary>
    [Fact]
    public async Task PauseNotice_PostOutlastsItsClaim_AnotherPassPostsTheSameMessage()
    {
        await using var harness = await StartAsync();
        var clock = OnSubscriptionClock(harness);
        var (channel, system) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        var firstWorker = harness.Get<AnnouncementDeliveryService>();
        var notices = harness.Server.HoldAnswers(r => r.Path == $"/channels/{system}/messages");

        var firstPass = firstWorker.RunPassAsync(CancellationToken.None);
        await Task.WhenAny(firstPass, harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{system}/messages"));
        clock.Advance(PauseNotices.ClaimLifetime + TimeSpan.FromSeconds(1));
        harness.Restart();
        harness.Get<GuildSystemChannels>().Set(Guild, system);
        var secondPass = harness.Get<AnnouncementDeliveryService>().RunPassAsync(CancellationToken.None);
        await Task.WhenAny(secondPass, harness.Server.WaitForRequestsAsync(r => r.Path == $"/channels/{system}/messages", count: 2));
        notices.Open();
        await Task.WhenAll(firstPass, secondPass);

        Assert.Equal(2, harness.PostsIn(system).Count);
        Assert.Equal(1, harness.Server.MessageCount);
    }

    /// <summary>
    /// A deliverer without the gateway asks Discord for the server's system channel; when that request
    /// fails on Discord's side, the failure is remembered for a while, so the next pause (or pass) does
    /// not ask again at once; a pass after the wait asks again and tells every pause.
    /// </summary>
    [Fact]
    public async Task SystemChannelLookup_FailsWithAServerError_IsAskedAgainOnlyAfterAWait()
    {
        var system = NewChannel();
        await using var harness = await StartAsync(o => o.GuildSystemChannels[Guild] = system);
        var clock = OnSubscriptionClock(harness);
        var (channel, other) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        await harness.SubscribeAsync(other);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50001, "Missing Access", CreateMessage);
        // Every try of the REST client's one call fails.
        harness.Server.InjectServerError(500, GetGuild, times: 3);

        await harness.DeliverAsync();
        var asked = GuildLookups(harness);
        harness.Server.InjectError(404, 10003, "Unknown Channel", CreateMessage);
        await harness.ImportAsync("Frieren");
        await harness.DeliverAsync();
        var askedAfterSecondPause = GuildLookups(harness);
        var toldMeanwhile = harness.PostsIn(system).Count;
        clock.Advance(GuildSystemChannels.FirstRetryAfter);
        await harness.DeliverAsync();

        Assert.Equal(3, asked);
        Assert.Equal(3, askedAfterSecondPause);
        Assert.Equal(0, toldMeanwhile);
        Assert.Equal(4, GuildLookups(harness));
        var notices = harness.PostsIn(system).Select(p => p.Body!.Value.GetProperty("content").GetString()!).ToList();
        Assert.Equal(2, notices.Count);
        Assert.Contains(notices, n => n.Contains($"<#{channel}>", StringComparison.Ordinal));
        Assert.Contains(notices, n => n.Contains($"<#{other}>", StringComparison.Ordinal));
    }

    /// <summary>
    /// Discord refuses the lookup (404 Unknown Guild: the bot was removed while no gateway was there to
    /// hear it): the same answer would come back and count as an invalid request, so the server is asked
    /// again only after the longer wait, not after the one for a server error.
    /// </summary>
    [Fact]
    public async Task SystemChannelLookup_RefusedWithUnknownGuild_IsAskedAgainOnlyAfterTheLongerWait()
    {
        var system = NewChannel();
        await using var harness = await StartAsync(o => o.GuildSystemChannels[Guild] = system);
        var clock = OnSubscriptionClock(harness);
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        harness.Server.InjectError(404, 10004, "Unknown Guild", GetGuild);

        await harness.DeliverAsync();
        var asked = GuildLookups(harness);
        clock.Advance(GuildSystemChannels.LastRetryAfter);
        await harness.DeliverAsync();
        var askedAfterTheServerErrorWait = GuildLookups(harness);
        clock.Advance(GuildSystemChannels.RefusedRetryAfter - GuildSystemChannels.LastRetryAfter);
        await harness.DeliverAsync();

        Assert.Equal(1, asked);
        Assert.Equal(1, askedAfterTheServerErrorWait);
        Assert.Equal(2, GuildLookups(harness));
        Assert.Single(harness.PostsIn(system));
    }

    /// <summary>
    /// A deliverer without the gateway hears no GUILD_UPDATE, so Discord's answer that the server has no
    /// system channel holds only for a while: the looks skip the server until then without asking again,
    /// and the first look after it asks, finds the channel the server set meanwhile, and tells.
    /// </summary>
    [Fact]
    public async Task SystemChannelLookup_ServerHasNone_IsAskedAgainOnlyOnceTheAnswerExpires()
    {
        await using var harness = await StartAsync();
        var clock = OnSubscriptionClock(harness);
        var (channel, system) = (NewChannel(), NewChannel());
        await harness.SubscribeAsync(channel);
        await harness.Get<SubscriptionStore>().PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);

        await harness.DeliverAsync();
        harness.Server.Options.GuildSystemChannels[Guild] = system;
        // The last look before the answer expires, then the first after it.
        clock.Advance(GuildSystemChannels.LookedUpAnswerLifetime - PauseNotifier.LookEvery);
        await harness.DeliverAsync();
        var askedWhileTheAnswerHeld = GuildLookups(harness);
        clock.Advance(PauseNotifier.LookEvery);
        await harness.DeliverAsync();

        Assert.Equal(1, askedWhileTheAnswerHeld);
        Assert.Equal(2, GuildLookups(harness));
        Assert.Contains($"<#{channel}>", Assert.Single(harness.PostsIn(system)).Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A deliverer without the gateway holds Discord's answer naming the system channel, which is deleted
    /// meanwhile: the notice's post gets 404 Unknown Channel, so the held answer is dropped and the notice
    /// not counted as told; once the claim expires a later pass asks Discord again, finds the channel the
    /// server set since, and tells the server there, once.
    /// </summary>
    [Fact]
    public async Task PauseNotice_LookedUpSystemChannelWasDeleted_IsToldOnceInTheServersNewSystemChannel()
    {
        var (deleted, replacement) = (NewChannel(), NewChannel());
        await using var harness = await StartAsync(o => o.GuildSystemChannels[Guild] = deleted);
        var clock = OnSubscriptionClock(harness);
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        harness.Server.InjectError(404, 10003, "Unknown Channel", CreateMessage);

        await harness.DeliverAsync();
        harness.Server.Options.GuildSystemChannels[Guild] = replacement;
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();

        Assert.Single(harness.Server.Requests, r => r.Path == $"/channels/{deleted}/messages");
        Assert.Equal(2, GuildLookups(harness));
        Assert.Contains($"<#{channel}>", Assert.Single(harness.PostsIn(replacement)).Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A gateway process's system channel became one the bot cannot see (403 Missing Access on the notice):
    /// the notice is not counted as told, and once the server names another system channel (GUILD_UPDATE)
    /// a pass after the claim expired tells it there, once.
    /// </summary>
    [Fact]
    public async Task PauseNotice_SystemChannelHiddenFromTheBot_IsToldOnceAfterGuildUpdateNamesAnother()
    {
        await using var harness = await StartAsync();
        var clock = OnSubscriptionClock(harness);
        var (channel, hidden, replacement) = (NewChannel(), NewChannel(), NewChannel());
        harness.Get<GuildSystemChannels>().Set(Guild, hidden);
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        harness.Server.InjectError(403, 50001, "Missing Access", CreateMessage);
        var guildUpdated = harness.Get<IEnumerable<IGatewayEventHandler<GuildUpdateEvent>>>().Single();

        await harness.DeliverAsync();
        await guildUpdated.HandleAsync(new GuildUpdateEvent(0, new Snowflake(Guild), new Snowflake(replacement)), CancellationToken.None);
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();
        clock.Advance(PauseNotices.ClaimLifetime);
        await harness.DeliverAsync();

        Assert.Single(harness.Server.Requests, r => r.Path == $"/channels/{hidden}/messages");
        Assert.Equal(0, GuildLookups(harness));
        Assert.Contains($"<#{channel}>", Assert.Single(harness.PostsIn(replacement)).Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The bot lost sight of the system channel (403 Missing Access) and Discord, asked again, still names
    /// it: the notice is not posted into the same refusal each time its claim expires, only once that
    /// answer expires and Discord, asked again, still names the channel.
    /// </summary>
    [Fact]
    public async Task PauseNotice_LookupStillNamesTheChannelTheBotCannotSee_IsTriedAgainOnlyOnceThatAnswerExpires()
    {
        var hidden = NewChannel();
        await using var harness = await StartAsync(o => o.GuildSystemChannels[Guild] = hidden);
        var clock = OnSubscriptionClock(harness);
        var channel = NewChannel();
        await harness.SubscribeAsync(channel);
        await harness.ImportAsync();
        harness.Server.InjectError(403, 50013, "Missing Permissions", CreateMessage, times: 2);
        harness.Server.InjectError(403, 50001, "Missing Access", CreateMessage);

        await harness.DeliverAsync();
        clock.Advance(PauseNotices.ClaimLifetime + PauseNotifier.LookEvery);
        await harness.DeliverAsync();
        var triedWhileTheAnswerHeld = harness.Server.Requests.Count(r => r.Path == $"/channels/{hidden}/messages");
        clock.Advance(GuildSystemChannels.LookedUpAnswerLifetime);
        await harness.DeliverAsync();

        Assert.Equal(1, triedWhileTheAnswerHeld);
        Assert.Equal(3, GuildLookups(harness));
        Assert.Single(harness.PostsIn(hidden));
    }

    /// <summary>CHANNEL_DELETE of a server's system channel: the channel is no longer known as the place to tell the server.</summary>
    [Fact]
    public async Task ChannelDelete_OfTheSystemChannel_ForgetsIt()
    {
        await using var harness = await StartAsync();
        var (system, other) = (NewChannel(), NewChannel());
        var systemChannels = harness.Get<GuildSystemChannels>();
        systemChannels.Set(Guild, system);
        var channelDeleted = harness.Get<IEnumerable<IGatewayEventHandler<ChannelDeleteEvent>>>().Single();

        await channelDeleted.HandleAsync(new ChannelDeleteEvent(0, new ChannelDeleteData(new Snowflake(other), new Snowflake(Guild), 0)), CancellationToken.None);
        var knownAfterAnotherChannelWent = systemChannels.Knows(Guild, out var stillSystem);
        await channelDeleted.HandleAsync(new ChannelDeleteEvent(0, new ChannelDeleteData(new Snowflake(system), new Snowflake(Guild), 0)), CancellationToken.None);

        Assert.True(knownAfterAnotherChannelWent);
        Assert.Equal(system, stillSystem);
        Assert.False(systemChannels.Knows(Guild, out _));
    }

    /// <summary>
    /// A server without a system channel when the bot connected sets one later: Discord says so in a
    /// GUILD_UPDATE, and the pause no one could tell it about is told then, not never.
    /// </summary>
    [Fact]
    public async Task RunningBot_ServerSetsASystemChannelAfterGuildCreate_IsToldOnGuildUpdate()
    {
        await using var bot = await BotHost.StartAsync();
        var store = bot.Services.GetRequiredService<SubscriptionStore>();
        var (channel, system) = (NewChannel(), NewChannel());
        await store.AddAsync(new NewSubscription(BotHost.GuildId, channel, ChannelKind.Text, null, null, BotHost.UserId), CancellationToken.None);
        await store.PauseChannelAsync(channel, "the bot cannot see the channel", CancellationToken.None);

        await bot.Discord.DispatchAsync("GUILD_CREATE", GuildPayload(null, channel));
        await bot.Discord.DispatchAsync("GUILD_UPDATE", GuildPayload(system));
        var posted = await bot.Discord.WaitForRequestsAsync(r => r.Path == $"/channels/{system}/messages" && r.Status == 200, timeout: BotHost.Timeout);

        Assert.Contains($"<#{channel}>", Assert.Single(posted).Body!.Value.GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    /// <summary>A server as GUILD_CREATE (with <paramref name="channels"/>) or GUILD_UPDATE (none) sends it.</summary>
    private static JsonObject GuildPayload(ulong? systemChannel, params ulong[] channels)
    {
        var guild = new JsonObject
        {
            ["id"] = BotHost.GuildId.ToString(CultureInfo.InvariantCulture),
            ["name"] = "Anime Club",
            ["system_channel_id"] = systemChannel?.ToString(CultureInfo.InvariantCulture),
        };
        if (channels.Length > 0)
        {
            guild["channels"] = new JsonArray([.. channels.Select(c => (JsonNode)new JsonObject { ["id"] = c.ToString(CultureInfo.InvariantCulture), ["type"] = 0 })]);
        }

        return guild;
    }

    /// <summary>Puts the subscription store, the pause notifier and the system-channel cache on a clock of the test's own (the REST client keeps real time).</summary>
    private static FakeTimeProvider OnSubscriptionClock(AnnouncementHarness harness)
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        harness.SubscriptionClock = clock;
        harness.Restart();
        return clock;
    }

    private static int GuildLookups(AnnouncementHarness harness) => harness.Server.Requests.Count(r => r.Route == GetGuild);
}
