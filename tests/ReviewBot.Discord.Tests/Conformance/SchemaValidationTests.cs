using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FakeDiscord;

namespace ReviewBot.Discord.Tests.Conformance;

/// <summary>
/// Proves FakeDiscord's validator bites: bodies Discord would reject are answered 400 / 50035 and
/// recorded in SchemaViolations. Sent with a raw HttpClient, because our client cannot produce them.
/// </summary>
public sealed class SchemaValidationTests
{
    private const string Messages = "/channels/1300000000000000010/messages";

    [Theory]
    [InlineData("""{"embeds":[{"title":"TITLE"}]}""", "embeds")]
    [InlineData("""{"content":"CONTENT5000"}""", "content")]
    [InlineData("""{"content":"x","allowed_mentions":{"parse":["users"],"users":["1"]}}""", "allowed_mentions")]
    [InlineData("""{"content":"x","allowed_mentions":{"parse":["everybody"]}}""", "parse")]
    [InlineData("""{"content":"x","embeds":[{"description":"DESC3000"},{"description":"DESC3000"},{"description":"DESC3000"}]}""", "6000")]
    [InlineData("""{"content":"x","components":[{"type":1,"components":[{"type":2,"style":1,"label":"a","custom_id":"ID101"}]}]}""", "components")]
    [InlineData("""{"content":"x","components":[{"type":1,"components":[{"type":3,"custom_id":"s","options":[{"label":"a","value":"a"}]},{"type":2,"style":1,"label":"b","custom_id":"b"}]}]}""", "single select")]
    [InlineData("""{"content":"x","components":[{"type":1,"components":[{"type":3,"custom_id":"s","options":[{"label":"a","value":"a"}]},{"type":3,"custom_id":"t","options":[{"label":"a","value":"a"}]}]}]}""", "single select")]
    public async Task CreateMessage_InvalidBody_IsRejectedAndRecorded(string template, string expectedInViolation)
    {
        var body = template
            .Replace("TITLE", new string('t', 300), StringComparison.Ordinal)
            .Replace("CONTENT5000", new string('c', 5000), StringComparison.Ordinal)
            .Replace("DESC3000", new string('d', 3000), StringComparison.Ordinal)
            .Replace("ID101", new string('i', 101), StringComparison.Ordinal);
        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Post, Messages, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("50035", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(server.SchemaViolations);
        Assert.Contains(server.SchemaViolations, v => v.Contains(expectedInViolation, StringComparison.OrdinalIgnoreCase) || v.Contains("embeds", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateMessage_SameInvalidBodyTwice_IsRejectedBothTimes()
    {
        // The fake remembers its verdict per distinct body: a remembered rejection must still reject.
        var body = $$"""{"embeds":[{"title":"{{new string('t', 300)}}"}]}""";
        await using var server = await FakeDiscordServer.StartAsync();

        var first = await SendAsync(server, HttpMethod.Post, Messages, body);
        var second = await SendAsync(server, HttpMethod.Post, Messages, body);

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(2, server.SchemaViolations.Count(v => v.Contains("embeds", StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData("\"12345678901234567890123456\"")] // 26 characters, Discord allows 25
    [InlineData("{\"id\":1}")]
    [InlineData("true")]
    public async Task CreateMessage_BadNonceOnABodyAcceptedBefore_IsRejected(string nonce)
    {
        // Announcements differ only in their nonce, so the fake judges the rest of a body once; the nonce
        // itself must still be judged on every request.
        const string Rest = "\"content\":\"x\",\"embeds\":[{\"title\":\"t\"}],\"enforce_nonce\":true";
        await using var server = await FakeDiscordServer.StartAsync();

        var accepted = await SendAsync(server, HttpMethod.Post, Messages, $$"""{{{Rest}},"nonce":"1"}""");
        var rejected = await SendAsync(server, HttpMethod.Post, Messages, $$"""{{{Rest}},"nonce":{{nonce}}}""");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejected.StatusCode);
        Assert.Contains(server.SchemaViolations, v => v.Contains("nonce", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CreateMessage_BadBodyWithAFreshNonce_IsRejected()
    {
        // A bad rest of the body is rejected whatever nonce comes with it, a valid one included.
        var bad = "\"embeds\":[{\"title\":\"" + new string('t', 300) + "\"}]";
        await using var server = await FakeDiscordServer.StartAsync();

        var first = await SendAsync(server, HttpMethod.Post, Messages, $$"""{{{bad}},"nonce":"1"}""");
        var second = await SendAsync(server, HttpMethod.Post, Messages, $$"""{"nonce":"2",{{bad}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }

    [Theory]
    [InlineData("""[{"name":"Review","description":"d","type":1}]""")]
    [InlineData("""[{"name":"review me","description":"d","type":1}]""")]
    [InlineData("""[{"name":"review","description":"d","type":1,"options":[{"type":3,"name":"Show","description":"d"}]}]""")]
    [InlineData("""[{"name":"review","description":"d","type":1,"default_member_permissions":"admins"}]""")]
    public async Task BulkOverwrite_InvalidCommand_IsRejectedAndRecorded(string body)
    {
        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Put, $"/applications/{server.Options.ApplicationId}/commands", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(server.SchemaViolations);
    }

    [Theory]
    [InlineData("\"32\"")]
    [InlineData("32")]
    [InlineData("\"0\"")]
    public async Task BulkOverwrite_DefaultMemberPermissionsAsStringOrInteger_IsAccepted(string permissions)
    {
        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Put, $"/applications/{server.Options.ApplicationId}/commands", $$"""[{"name":"subscribe","description":"d","type":1,"default_member_permissions":{{permissions}} }]""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(server.SchemaViolations);
    }

    [Fact]
    public async Task InteractionCallback_UnknownCallbackType_IsRejected()
    {
        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Post, "/interactions/1/tok/callback", """{"type":42,"data":{"content":"x"}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEmpty(server.SchemaViolations);
    }

    [Theory]
    [InlineData("ROW,ROW,ROW,ROW,ROW,ROW", "action rows")] // six rows of one button each
    [InlineData("""{"type":1,"components":[{"type":2,"style":1,"label":"a","custom_id":"same"},{"type":2,"style":1,"label":"b","custom_id":"same"}]}""", "custom_id")]
    public async Task CreateMessage_ComponentsDiscordRefuses_AreRejected(string rows, string expectedInViolation)
    {
        // The OpenAPI document allows 40 top-level components (the components v2 limit) and cannot
        // say custom_ids are unique; Discord refuses both in a legacy message (Component Reference).
        var numbered = 0;
        while (rows.Contains("ROW", StringComparison.Ordinal))
        {
            var at = rows.IndexOf("ROW", StringComparison.Ordinal);
            var row = """{"type":1,"components":[{"type":2,"style":1,"label":"a","custom_id":"IDENT"}]}""".Replace("IDENT", $"b{numbered++}", StringComparison.Ordinal);
            rows = string.Concat(rows.AsSpan(0, at), row, rows.AsSpan(at + 3));
        }

        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Post, Messages, $$"""{"content":"x","components":[{{rows}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(server.SchemaViolations, v => v.Contains(expectedInViolation, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InteractionCallback_AutocompleteChoiceValueOver100_IsRejected()
    {
        // The OpenAPI document allows a string choice 6000 characters; Discord's documentation
        // (Application Commands, "Application Command Option Choice Structure") says up to 100.
        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Post, "/interactions/1/tok/callback",
            """{"type":8,"data":{"choices":[{"name":"n","value":"VALUE"}]}}""".Replace("VALUE", new string('v', 101), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(server.SchemaViolations, v => v.Contains("choices", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnyRoute_WrongToken_IsAnswered401()
    {
        await using var server = await FakeDiscordServer.StartAsync();

        var response = await SendAsync(server, HttpMethod.Get, "/applications/@me", null, token: "not-the-token");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> SendAsync(FakeDiscordServer server, HttpMethod method, string path, string? body, string? token = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(method, server.ApiBaseUrl.AbsoluteUri + path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", token ?? server.Options.Token);
        request.Headers.UserAgent.ParseAdd("DiscordBot (https://example.org, 1.0)");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return await http.SendAsync(request);
    }
}
