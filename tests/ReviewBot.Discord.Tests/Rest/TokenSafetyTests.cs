using FakeDiscord.Rest;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>Neither the bot token nor an interaction token may appear in a log line or an exception message.</summary>
public sealed class TokenSafetyTests
{
    [Fact]
    public async Task LogsAndExceptions_AcrossSuccessesRetriesAndFailures_NeverContainTokens()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();
        var messages = new List<string>();
        h.Server.InjectServerError(502, "POST /interactions/{interaction_id}/{interaction_token}/callback");
        h.Server.InjectRateLimit(RateLimitScope.User, TimeSpan.FromMilliseconds(20), "PATCH /webhooks/{webhook_id}/{webhook_token}/messages/@original");
        h.Server.InjectError(404, 10062, $"Unknown interaction {RestHarness.InteractionToken} for {h.Server.Options.Token}", "POST /webhooks/{webhook_id}/{webhook_token}");
        h.Server.InjectServerError(500, "POST /channels/{channel_id}/messages", times: 3);

        await h.Client.DeferAsync(interaction);
        await h.Client.EditOriginalResponseAsync(interaction, new MessageRequest { Content = "done" });
        messages.Add((await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateFollowupMessageAsync(interaction, new MessageRequest { Content = "x" }))).ToString());
        messages.Add((await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(new Snowflake(5), new MessageRequest { Content = "x" }))).ToString());

        var logs = h.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception).ToList();
        Assert.NotEmpty(logs);
        foreach (var text in logs.Concat(messages))
        {
            Assert.DoesNotContain(h.Server.Options.Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain(RestHarness.InteractionToken, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ToString_OfOptionsAndInteraction_LeavesTokensOut()
    {
        var options = new DiscordOptions { Token = "very-secret-token" };
        var interaction = new ReviewBot.Discord.Interactions.Interaction
        {
            Id = new Snowflake(1),
            ApplicationId = new Snowflake(2),
            Type = ReviewBot.Discord.Interactions.InteractionType.ApplicationCommand,
            Token = "very-secret-interaction-token",
        };

        Assert.DoesNotContain("very-secret", options.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret", interaction.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_TokenRejected_ThrowsUnauthorizedAndLogsWhichKeyToFixWithoutTheToken()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Options.Token = "a-different-token";

        var error = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.GetCurrentApplicationAsync());

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.Status);
        var log = Assert.Single(h.Logs.GetSnapshot(), r => r.Level == Microsoft.Extensions.Logging.LogLevel.Error);
        Assert.Contains("Discord:Token", log.Message, StringComparison.Ordinal);
        Assert.Equal(1, h.RateLimiter.InvalidRequestCount);
    }
    [Fact]
    public async Task AnyCall_AfterTheTokenWasRejected_FailsWithoutSendingAgain()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Options.Token = "a-different-token";
        await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.GetCurrentApplicationAsync());

        var again = await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(new Snowflake(5), new MessageRequest { Content = "x" }));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, again.Status);
        Assert.Single(h.Server.Requests);
        Assert.Equal(1, h.RateLimiter.InvalidRequestCount);
    }

    [Fact]
    public async Task AnyCall_AfterTheRejectedTokenWasReplaced_IsSentAgain()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.Options.Token = "a-different-token";
        await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateMessageAsync(new Snowflake(5), new MessageRequest { Content = "x" }));

        h.Server.Options.Token = "the-new-token";
        h.SetToken("the-new-token");
        var message = await h.Client.CreateMessageAsync(new Snowflake(5), new MessageRequest { Content = "y" });

        Assert.Equal("y", message.Content);
    }

    [Fact]
    public async Task InteractionCall_Answered401_DoesNotStopBotTokenCalls()
    {
        await using var h = await RestHarness.StartAsync();
        h.Server.InjectError(401, 50027, "Invalid Webhook Token", "POST /webhooks/{webhook_id}/{webhook_token}");
        await Assert.ThrowsAsync<DiscordRestException>(() => h.Client.CreateFollowupMessageAsync(h.Interaction(), new MessageRequest { Content = "x" }));

        var message = await h.Client.CreateMessageAsync(new Snowflake(5), new MessageRequest { Content = "still sent" });

        Assert.Equal("still sent", message.Content);
    }
}
