using FakeDiscord;
using Microsoft.Extensions.Time.Testing;
using System.Text.Json;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests
{
    private static readonly Snowflake Channel = new(1_300_000_000_000_000_010);

    [Fact]
    public async Task GetCurrentApplicationAsync_AgainstFake_ReturnsTheApplication()
    {
        await using var h = await RestHarness.StartAsync();

        var application = await h.Client.GetCurrentApplicationAsync();

        Assert.Equal(h.Server.Options.ApplicationId, application.Id.Value);
        Assert.Equal("ReviewBot", application.Name);
    }

    [Fact]
    public async Task GetGatewayBotAsync_AgainstFake_ReturnsUrlShardsAndConcurrency()
    {
        await using var h = await RestHarness.StartAsync(new FakeDiscord.FakeDiscordOptions { GatewayBotShards = 3, GatewayBotMaxConcurrency = 2 });

        var gateway = await ((ReviewBot.Discord.Gateway.IGatewayBotSource)h.Client).GetGatewayBotAsync(CancellationToken.None);

        Assert.Equal(3, gateway.Shards);
        Assert.Equal(2, gateway.SessionStartLimit.MaxConcurrency);
        Assert.StartsWith("ws://127.0.0.1", gateway.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyRequest_Always_CarriesBotAuthorizationAndDiscordBotUserAgent()
    {
        await using var h = await RestHarness.StartAsync();

        await h.Client.GetCurrentApplicationAsync();

        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("Bot " + h.Server.Options.Token, request.Header("Authorization"));
        Assert.Equal(DiscordRestClient.UserAgent, request.Header("User-Agent"));
        Assert.Equal(200, request.Status);
    }

    [Fact]
    public async Task BulkOverwriteGlobalCommandsAsync_WithoutConfiguredApplicationId_ReadsItFromApplicationsMe()
    {
        await using var h = await RestHarness.StartAsync(configureApplicationId: false);

        var commands = await h.Client.BulkOverwriteGlobalCommandsAsync(SampleCommands.All);

        Assert.Equal(["review", "episode", "subscribe"], commands.Select(c => c.Name));
        await h.Client.BulkOverwriteGlobalCommandsAsync(SampleCommands.All);

        Assert.Equal(["GET /applications/@me", "PUT /applications/{application_id}/commands", "PUT /applications/{application_id}/commands"], h.Server.Requests.Select(r => r.Route));
        Assert.Equal($"/applications/{h.Server.Options.ApplicationId}/commands", h.Server.Requests[1].Path);
    }

    [Fact]
    public async Task BulkOverwriteGuildCommandsAsync_WithPermissions_SendsThemAsStringAndReadsThemBack()
    {
        await using var h = await RestHarness.StartAsync();
        var guild = new Snowflake(1_300_000_000_000_000_001);

        var commands = await h.Client.BulkOverwriteGuildCommandsAsync(guild, SampleCommands.All);

        var body = h.Server.Requests.Single().Body!.Value;
        Assert.Equal(JsonValueKind.String, body[2].GetProperty("default_member_permissions").ValueKind);
        Assert.Equal("32", body[2].GetProperty("default_member_permissions").GetString());
        Assert.Equal(1, body[1].GetProperty("options")[0].GetProperty("min_value").GetDouble());
        Assert.True(body[0].GetProperty("options")[0].GetProperty("autocomplete").GetBoolean());
        Assert.Equal(Permissions.ManageGuild, commands[2].DefaultMemberPermissions);
        Assert.All(commands, c => Assert.Equal(guild, c.GuildId));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public async Task InteractionCallback_EachType_IsPostedWithThatType(int type)
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();
        var message = new MessageRequest { Content = "Metallic Rouge, season 1: *recommended*" };

        var send = type switch
        {
            4 => h.Client.RespondAsync(interaction, message),
            5 => h.Client.DeferAsync(interaction, ephemeral: true),
            6 => h.Client.DeferUpdateAsync(interaction),
            7 => h.Client.UpdateMessageAsync(interaction, message),
            _ => h.Client.RespondWithAutocompleteAsync(interaction, AutocompleteChoices.FromStrings([("Metallic Rouge", "metallic-rouge")])),
        };
        await send;

        var request = Assert.Single(h.Server.Requests);
        Assert.Equal("POST /interactions/{interaction_id}/{interaction_token}/callback", request.Route);
        Assert.Equal(204, request.Status);
        Assert.Equal(type, request.Body!.Value.GetProperty("type").GetInt32());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task InteractionCallback_UnderTheApiBase_IsPostedToItsInteractionsPath(bool apiBaseTrailingSlash)
    {
        await using var h = await RestHarness.StartAsync(apiBaseTrailingSlash: apiBaseTrailingSlash);

        await h.Client.RespondAsync(h.Interaction(), new MessageRequest { Content = "hello" });

        var request = Assert.Single(h.Server.Requests);
        Assert.Equal(204, request.Status);
        Assert.Equal($"/interactions/1200000000000000001/{RestHarness.InteractionToken}/callback", request.Path);
    }

    /// <summary>
    /// A callback whose answer was lost (the proxy in front gave up after Discord took it) is resent, and
    /// Discord refuses the resend with 40060: the interaction has the first, so the call succeeds.
    /// </summary>
    [Fact]
    public async Task InteractionCallback_ResentAfterALostAnswer_AndRefusedAsAlreadyAcknowledged_Succeeds()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.AnswerWithServerErrorAfterActing(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), 504);

        await h.Client.DeferAsync(h.Interaction());

        // Recorded as the API answered them: the first taken (its 504 came from the proxy), the resend refused.
        Assert.Equal([204, 400], h.Server.Requests.Select(r => r.Status));
    }

    /// <summary>A first callback refused with 40060 is another sender's answer (the same interaction delivered twice), not this one's: refused.</summary>
    [Fact]
    public async Task InteractionCallback_AlreadyAcknowledgedAtTheFirstAttempt_IsRefused()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();
        await h.Client.DeferAsync(interaction);

        var refusal = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.DeferAsync(interaction));

        Assert.Equal(40060, refusal.Code);
    }

    /// <summary>
    /// "Written" comes when the request is on the connection, before the answer: with Discord's answer
    /// held, the watcher has run while the call is still waiting; it runs once, and the body Discord
    /// received is the one written.
    /// </summary>
    [Fact]
    public async Task InteractionCallback_Written_IsReportedBeforeDiscordAnswers()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.DelayAnswer(r => r.Path.EndsWith("/callback", StringComparison.Ordinal), TimeSpan.FromSeconds(2));
        var interaction = h.Interaction();
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        using var watching = h.Writes.Watch(interaction.Id, () =>
        {
            Interlocked.Increment(ref calls);
            written.TrySetResult();
        });

        var send = h.Client.RespondAsync(interaction, new MessageRequest { Content = "Metallic Rouge" });

        await written.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(send.IsCompleted);
        await send;
        Assert.Equal(1, calls);
        Assert.Equal("Metallic Rouge", Assert.Single(h.Server.Requests).Body!.Value.GetProperty("data").GetProperty("content").GetString());
    }

    /// <summary>Only the watched interaction's callback is reported: another interaction's, and a watch already disposed, are not.</summary>
    [Fact]
    public async Task InteractionCallback_Written_IsReportedOnlyForTheWatchedInteraction()
    {
        await using var h = await RestHarness.StartAsync();
        var watched = h.Interaction(1_200_000_000_000_000_401);
        var other = h.Interaction(1_200_000_000_000_000_402);
        var calls = 0;
        using (h.Writes.Watch(watched.Id, () => Interlocked.Increment(ref calls)))
        {
            await h.Client.RespondAsync(other, new MessageRequest { Content = "other" });
        }

        await h.Client.RespondAsync(watched, new MessageRequest { Content = "after the watch" });

        Assert.Equal(0, calls);
        Assert.Equal(2, h.Server.Requests.Count);
    }

    /// <summary>
    /// Each interaction's callback has a bucket of its own and is used once: the bucket goes when the
    /// request is over, so a busy bot does not keep one per interaction until the idle sweep.
    /// </summary>
    [Fact]
    public async Task InteractionCallbacks_Many_LeaveNoBucketsBehind()
    {
        await using var h = await RestHarness.StartAsync();
        var before = h.RateLimiter.Buckets.Count;

        for (var i = 0; i < 50; i++)
        {
            await h.Client.RespondAsync(h.Interaction(1_200_000_000_000_000_300 + (ulong)i), new MessageRequest { Content = "hi" });
        }

        Assert.Equal(50, h.Server.Requests.Count);
        Assert.Equal(before, h.RateLimiter.Buckets.Count);
    }

    /// <summary>A request that never reaches Discord was never written: no report, so no latency is recorded for it.</summary>
    [Fact]
    public async Task InteractionCallback_ConnectionRefused_IsNeverReportedWritten()
    {
        var h = await RestHarness.StartAsync(retry: new RestRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1), RequestTimeout = TimeSpan.FromSeconds(5), MaxAttempts = 1 });
        await using (h)
        {
            var interaction = h.Interaction();
            await h.Server.DisposeAsync(); // nothing listens on the port any more
            var calls = 0;
            using var watching = h.Writes.Watch(interaction.Id, () => Interlocked.Increment(ref calls));

            await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.RespondAsync(interaction, new MessageRequest { Content = "x" }));
            Assert.Equal(0, calls);
        }
    }

    [Fact]
    public async Task EditOriginalResponseAsync_AfterDefer_ReturnsTheEditedMessage()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();
        await h.Client.DeferAsync(interaction);

        var message = await h.Client.EditOriginalResponseAsync(interaction, new MessageRequest { Content = "Found it." });

        Assert.Equal("Found it.", message.Content);
        Assert.Equal("PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original", h.Server.Requests[^1].Route);
    }

    [Fact]
    public async Task DeleteOriginalResponseAsync_AfterDefer_SendsDeleteOnTheInteractionWebhook()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();
        await h.Client.DeferAsync(interaction);

        await h.Client.DeleteOriginalResponseAsync(interaction);

        var request = h.Server.Requests[^1];
        Assert.Equal("DELETE /webhooks/{webhook_id}/{webhook_token}/messages/@original", request.Route);
        Assert.Equal(204, request.Status);
        Assert.Null(request.Body);
        Assert.Empty(h.Server.SchemaViolations);
    }

    [Fact]
    public async Task CreateFollowupMessageAsync_Ephemeral_ReturnsANewMessage()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();

        var message = await h.Client.CreateFollowupMessageAsync(interaction, new MessageBuilder().WithContent("Only you can see this.").Ephemeral().Build());

        Assert.NotEqual(0UL, message.Id.Value);
        Assert.Equal((int)MessageFlags.Ephemeral, h.Server.Requests.Single().Body!.Value.GetProperty("flags").GetInt32());
    }

    [Fact]
    public async Task CreateMessageAsync_WithEmbedsAndButtons_RoundTripsTheMessage()
    {
        await using var h = await RestHarness.StartAsync();
        var request = new MessageBuilder()
            .WithContent("New review")
            .AddEmbed(new EmbedBuilder().WithTitle("Metallic Rouge").WithDescription("Season 1").AddField("Verdict", "Recommended", inline: true).WithColor(0xC0FFEE))
            .AddRow(new ActionRowBuilder().Add(Buttons.Primary("review:metallic-rouge", "Details")).Add(Buttons.Link("https://example.org/r/1", "Read")).Build())
            .Build();

        var message = await h.Client.CreateMessageAsync(Channel, request);

        Assert.Equal(Channel, message.ChannelId);
        Assert.Equal("Metallic Rouge", Assert.Single(message.Embeds).Title);
        Assert.Equal(2, message.Components[0].Components!.Count);
        Assert.True(message.Id.CreatedAt > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task CreateMessageAsync_SameNonceWithEnforceNonce_ReturnsTheExistingMessage()
    {
        await using var h = await RestHarness.StartAsync();
        var request = new MessageBuilder().WithContent("Announcement").WithNonce("announce-42").Build();

        var first = await h.Client.CreateMessageAsync(Channel, request);
        var retry = await h.Client.CreateMessageAsync(Channel, request);

        Assert.Equal(first.Id, retry.Id);
        Assert.Equal(1, h.Server.MessageCount);
        Assert.True(h.Server.Requests[0].Body!.Value.GetProperty("enforce_nonce").GetBoolean());
    }

    /// <summary>
    /// Discord checks an enforced nonce only "in the past few minutes": the same nonce after that is a
    /// new message, as FakeDiscord's window has it, so a test cannot pass on a merge Discord would not make.
    /// </summary>
    [Fact]
    public async Task CreateMessageAsync_SameNonceAfterTheNonceWindow_CreatesAnotherMessage()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var h = await RestHarness.StartAsync(new FakeDiscordOptions { RestTimeProvider = time });
        var request = new MessageBuilder().WithContent("Notice").WithNonce("notice-42").Build();

        var first = await h.Client.CreateMessageAsync(Channel, request);
        time.Advance(h.Server.Options.NonceWindow);
        var later = await h.Client.CreateMessageAsync(Channel, request);

        Assert.NotEqual(first.Id, later.Id);
        Assert.Equal(2, h.Server.MessageCount);
    }

    [Fact]
    public async Task EditMessageAsync_ExistingMessage_ChangesContent()
    {
        await using var h = await RestHarness.StartAsync();
        var created = await h.Client.CreateMessageAsync(Channel, new MessageRequest { Content = "draft" });

        var edited = await h.Client.EditMessageAsync(Channel, created.Id, new MessageRequest { Content = "final" });

        Assert.Equal(created.Id, edited.Id);
        Assert.Equal("final", edited.Content);
    }

    [Fact]
    public async Task EditMessageAsync_UnknownMessage_ThrowsWithUnknownMessageCode()
    {
        await using var h = await RestHarness.StartAsync();

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.EditMessageAsync(Channel, new Snowflake(42), new MessageRequest { Content = "x" }));

        Assert.Equal(10008, error.Code);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, error.Status);
    }

    [Fact]
    public async Task CreateForumThreadAsync_InForum_ReturnsThreadWithStarterMessage()
    {
        await using var h = await RestHarness.StartAsync();

        var thread = await h.Client.CreateForumThreadAsync(Channel, new ForumThreadRequest
        {
            Name = "Metallic Rouge — season 1",
            Message = new MessageRequest { Content = "Discuss the review here." },
            AutoArchiveDuration = 4320,
        });

        Assert.Equal(ChannelType.PublicThread, thread.Type);
        Assert.Equal(Channel, thread.ParentId);
        Assert.Equal(thread.Id, thread.Message!.Id);
    }

    [Fact]
    public async Task CreateMessageAsync_BodyDiscordRejects_ThrowsInvalidFormBodyWithTheErrorsTree()
    {
        await using var h = await RestHarness.StartAsync();
        h.ExpectSchemaViolations = true;

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(Channel, new MessageRequest { Content = new string('x', 3000) }));

        Assert.Equal(50035, error.Code);
        Assert.Contains("content", error.Errors, StringComparison.Ordinal);
        Assert.Single(h.Server.Requests);
    }

    [Fact]
    public async Task CreateMessageAsync_CancelledWhileWaitingForTheBucket_StopsWithoutSending()
    {
        var fake = new FakeDiscord.FakeDiscordOptions();
        fake.RouteLimits["POST /channels/{channel_id}/messages"] = new FakeDiscord.RouteLimit(1, TimeSpan.FromMinutes(1));
        await using var h = await RestHarness.StartAsync(fake);
        await h.Client.CreateMessageAsync(Channel, new MessageRequest { Content = "first" });
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => h.Client.CreateMessageAsync(Channel, new MessageRequest { Content = "second" }, cancel.Token));

        Assert.Single(h.Server.Requests);
    }
}
