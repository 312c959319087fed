using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>Interactions over Discord's HTTP endpoint: real Kestrel on 127.0.0.1, real HTTP requests, signed in the test.</summary>
public sealed class HttpInteractionTests
{
    [Fact]
    public async Task Ping_IsAnsweredPong()
    {
        await using var http = await HttpBot.StartAsync();

        var answer = await http.SendAsync(new JsonObject { ["id"] = "1200000000000000001", ["application_id"] = "1", ["type"] = (int)InteractionType.Ping, ["token"] = "t", ["version"] = 1 });

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(InteractionCallbackType.Pong, answer.Type);
        Assert.Empty(answer.SchemaViolations);
    }

    [Fact]
    public async Task ReviewCommand_IsAnsweredInTheHttpResponse_WithNoCallbackRequest()
    {
        await using var http = await HttpBot.StartAsync();

        var answer = await http.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, answer.Type);
        Assert.Contains("Metallic Rouge", answer.Json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(answer.SchemaViolations);
        Assert.DoesNotContain(http.Bot.Discord.Requests, r => r.Path.Contains("/callback", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReviewCommand_GivesTheSameAnswerOverHttpAsOverTheGateway()
    {
        await using var http = await HttpBot.StartAsync();

        var overHttp = await http.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        var overGateway = await http.Bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(overGateway.Callback.Body!.Value.GetRawText(), overHttp.Json.GetRawText());
    }

    [Fact]
    public async Task ReviewWithTheChart_IsDeferredInTheHttpResponse_ThenTheOriginalIsEditedWithThePng()
    {
        await using var http = await HttpBot.StartAsync();
        http.Bot.AppPermissions = BotHost.WithAttachFiles;
        var (_, token, payload) = http.Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("review", new SlashOption("show", "metallic-rouge")));

        var answer = await http.SendAsync(payload);

        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, answer.Type);
        Assert.Empty(answer.SchemaViolations);
        var edit = await http.Bot.WaitForOriginalEditAsync(token);
        var file = Assert.Single(edit.Files);
        Assert.Equal(("chart.png", "image/png"), (file.FileName, file.ContentType));
        Assert.Equal("attachment://chart.png", edit.Body!.Value.GetProperty("embeds")[0].GetProperty("image").GetProperty("url").GetString());
        Assert.DoesNotContain(http.Bot.Discord.Requests, r => r.Path.Contains("/callback", StringComparison.Ordinal));
        http.Bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_IsAnsweredWithChoicesInTheHttpResponse()
    {
        await using var http = await HttpBot.StartAsync();
        var data = BotHost.SlashData("review", new SlashOption("show", "metal", Focused: true));

        var answer = await http.SendAsync(http.Bot.InteractionPayload(InteractionType.ApplicationCommandAutocomplete, BotHost.ChannelId, data).Payload);

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, answer.Type);
        Assert.Contains(answer.Json.GetProperty("data").GetProperty("choices").EnumerateArray(), c => c.GetProperty("name").GetString()!.Contains("Metallic Rouge", StringComparison.Ordinal));
        Assert.Empty(answer.SchemaViolations);
    }

    [Fact]
    public async Task Button_IsAnsweredInTheHttpResponse()
    {
        await using var http = await HttpBot.StartAsync();
        var episode = await http.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "metallic-rouge"));
        var next = episode.Json.GetProperty("data").GetProperty("components")[0].GetProperty("components")[1].GetProperty("custom_id").GetString()!;
        var data = new JsonObject { ["custom_id"] = next, ["component_type"] = 2 };

        var answer = await http.SendAsync(http.Bot.InteractionPayload(InteractionType.MessageComponent, BotHost.ChannelId, data).Payload);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(InteractionCallbackType.UpdateMessage, answer.Type);
        Assert.Equal("Episode 13: Code Eve", answer.Json.GetProperty("data").GetProperty("embeds")[0].GetProperty("title").GetString());
        Assert.Empty(answer.SchemaViolations);
    }

    [Theory]
    [InlineData("""{"id":"1200000000000000001","application_id":"1","type":2,"token":"\ud800","version":1}""")]
    [InlineData("""{"id":"1200000000000000001","application_id":"1","type":2,"token":"t","data":{"name":"review","options":[{"name":"show","type":3,"value":"a\udc00"}]}}""")]
    [InlineData("""{"id":"1200000000000000001","application_id":"1","type":2,"token":"t"}{}""")]
    [InlineData("not json")]
    public async Task SignedBodyThatIsNoInteraction_Gets400_AndTheNextIsAnswered(string text)
    {
        await using var http = await HttpBot.StartAsync();
        var body = System.Text.Encoding.UTF8.GetBytes(text);
        var timestamp = InteractionSigner.Timestamp(DateTimeOffset.UtcNow);

        var answer = await http.PostAsync(body, http.Signer.Sign(timestamp, body), timestamp);
        var next = await http.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        // An escaped lone surrogate was an InvalidOperationException the endpoint let through: a 500.
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal(HttpStatusCode.OK, next.Status);
    }

    [Fact]
    public async Task ModalSubmit_TheBotNeverOpened_IsAnsweredThatItExpiredInTheHttpResponse()
    {
        await using var http = await HttpBot.StartAsync();
        var data = new JsonObject { ["custom_id"] = "rate:1", ["components"] = new JsonArray() };

        var answer = await http.SendAsync(http.Bot.InteractionPayload(InteractionType.ModalSubmit, BotHost.ChannelId, data).Payload);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, answer.Type);
        Assert.True(BotHost.IsEphemeral(answer.Json.GetProperty("data")));
        Assert.Contains("expired", answer.Json.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Empty(answer.SchemaViolations);
    }

    [Fact]
    public async Task SlowCommand_IsDeferredInTheHttpResponse_ThenTheOriginalIsEditedThroughRest()
    {
        var slow = new SlowCommand();
        var options = new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(slow) };
        options.Settings["Interactions:DeferAfter"] = "00:00:00.050";
        await using var http = await HttpBot.StartAsync(options);
        var (_, token, payload) = http.Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("slow"));

        var answer = await http.SendAsync(payload);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, answer.Type);
        Assert.Empty(answer.SchemaViolations);
        slow.Release.SetResult();

        var edit = await http.Bot.WaitForOriginalEditAsync(token);
        Assert.Equal("Done, slowly.", edit.Body!.Value.GetProperty("content").GetString());
        Assert.DoesNotContain(http.Bot.Discord.Requests, r => r.Path.Contains("/callback", StringComparison.Ordinal));
        http.Bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task CommandBlockingItsThread_IsDeferredInTheHttpResponse_WhileItStillBlocks()
    {
        // The handler runs on the request's thread and blocks it: the HTTP response, the defer, is
        // written from the deadline timer's thread, and the answer follows as the edit of @original.
        var command = new BlockingCommand();
        await using var http = await HttpBot.StartAsync(command.InBot());
        var (_, token, payload) = http.Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("blocks"));

        var answer = await http.SendAsync(payload);
        Assert.Equal(InteractionCallbackType.DeferredChannelMessageWithSource, answer.Type);
        Assert.Empty(answer.SchemaViolations);
        Assert.True(command.IsBlocking);
        command.Unblock.Set();

        var edit = await http.Bot.WaitForOriginalEditAsync(token);
        Assert.Equal("Done, after blocking.", edit.Body!.Value.GetProperty("content").GetString());
        Assert.DoesNotContain(http.Bot.Discord.Requests, r => r.Path.Contains("/callback", StringComparison.Ordinal));
        http.Bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task BodyOverOneMebibyte_Gets413BeforeAnythingIsChecked()
    {
        await using var http = await HttpBot.StartAsync();
        var body = new byte[(1 << 20) + 1];
        var timestamp = InteractionSigner.Timestamp(DateTimeOffset.UtcNow);

        var answer = await http.PostAsync(body, http.Signer.Sign(timestamp, body), timestamp, expectContinue: true);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, answer.Status);
    }

    [Fact]
    public async Task ListenerWithoutPublicKey_HasNoInteractionsEndpoint()
    {
        await using var http = await HttpBot.StartAsync(publicKey: false);

        var answer = await http.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(HttpStatusCode.NotFound, answer.Status);
    }

    private sealed class SlowCommand : ISlashCommand
    {
        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ApplicationCommandDefinition Definition { get; } = new() { Name = "slow", Description = "Takes its time" };

        public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            await Release.Task.WaitAsync(cancellationToken);
            return InteractionReply.From(new MessageBuilder().WithContent("Done, slowly."));
        }
    }
}
