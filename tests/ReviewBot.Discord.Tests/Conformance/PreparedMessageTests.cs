using System.Text.Json;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Discord.Tests.Rest;

namespace ReviewBot.Discord.Tests.Conformance;

/// <summary>
/// A message prepared once and sent to many channels: every request is what an unprepared send of the
/// same message with that send's nonce would be (FakeDiscord validates each against openapi.json and
/// parses the multipart form), and the shared parts never carry one send's nonce into another.
/// </summary>
public sealed class PreparedMessageTests
{
    private static readonly Snowflake Channel = new(1_300_000_000_000_000_040);

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 9, 8, 7, 6, 5];

    [Fact]
    public async Task CreateMessageAsync_OnePreparedMessageInThreeChannels_SendsTheFileAndEachSendsOwnNonce()
    {
        await using var h = await RestHarness.StartAsync();
        var prepared = PreparedMessage.Prepare(WithChart("Frieren Season 2 Review"));

        var posted = new List<PostedMessage>();
        for (var i = 0UL; i < 3; i++)
        {
            posted.Add(await h.Client.CreateMessageAsync(new Snowflake(Channel.Value + i), prepared, $"rb-nonce-{i}"));
        }

        Assert.Empty(h.Server.SchemaViolations);
        Assert.Equal(3, h.Server.Requests.Count);
        for (var i = 0; i < 3; i++)
        {
            var request = h.Server.Requests[i];
            Assert.Equal(200, request.Status);
            Assert.Equal($"/channels/{Channel.Value + (ulong)i}/messages", request.Path);
            Assert.StartsWith("multipart/form-data; boundary=", request.Header("Content-Type"), StringComparison.Ordinal);
            var file = Assert.Single(request.Files);
            Assert.Equal(("files[0]", "chart.png", "image/png"), (file.Name, file.FileName, file.ContentType));
            Assert.Equal(Png, file.Content);
            using var payload = JsonDocument.Parse(request.BodyText!);
            Assert.Equal($"rb-nonce-{i}", payload.RootElement.GetProperty("nonce").GetString());
            Assert.True(payload.RootElement.GetProperty("enforce_nonce").GetBoolean());
            Assert.Equal("Frieren Season 2 Review", payload.RootElement.GetProperty("embeds")[0].GetProperty("title").GetString());
            Assert.Equal(0, payload.RootElement.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength());
            Assert.Equal(new Snowflake(Channel.Value + (ulong)i), posted[i].ChannelId);
        }

        Assert.Equal(3, posted.Select(p => p.Id).Distinct().Count());
        Assert.Equal(3, h.Server.MessageCount);
    }

    [Fact]
    public async Task CreateMessageAsync_PreparedMessageSentAgainWithTheSameNonce_ReturnsTheMessageAlreadyPosted()
    {
        await using var h = await RestHarness.StartAsync();
        var prepared = PreparedMessage.Prepare(WithChart("once"));

        var first = await h.Client.CreateMessageAsync(Channel, prepared, "rb-same");
        var resent = await h.Client.CreateMessageAsync(Channel, prepared, "rb-same");

        Assert.Equal(first.Id, resent.Id);
        Assert.Equal(1, h.Server.MessageCount);
    }

    [Fact]
    public async Task CreateMessageAsync_PreparedWithoutFiles_SendsJsonWithTheNonceAndTheSameFieldsAsUnprepared()
    {
        await using var h = await RestHarness.StartAsync();
        var message = new MessageBuilder().WithContent("<@&42> New review: \"Frieren\"").AllowRoleMention(new Snowflake(42))
            .AddEmbed(new EmbedBuilder().WithTitle("Frieren").WithDescription("Quiet, \\ patient, wonderful"))
            .Build();

        await h.Client.CreateMessageAsync(Channel, PreparedMessage.Prepare(message), "rb-\"quoted\"");
        await h.Client.CreateMessageAsync(Channel, message with { Nonce = "rb-\"quoted\"", EnforceNonce = true });

        Assert.Empty(h.Server.SchemaViolations);
        var (prepared, plain) = (h.Server.Requests[0], h.Server.Requests[1]);
        Assert.StartsWith("application/json", prepared.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(Fields(plain.BodyText!), Fields(prepared.BodyText!));
    }

    [Fact]
    public async Task EditMessageAsync_PreparedMessage_SendsTheFileAndNoNonce()
    {
        await using var h = await RestHarness.StartAsync();
        var created = await h.Client.CreateMessageAsync(Channel, PreparedMessage.Prepare(WithChart("draft")), "rb-edit");

        var edited = await h.Client.EditMessageAsync(Channel, created.Id, PreparedMessage.Prepare(WithChart("final")));

        Assert.Empty(h.Server.SchemaViolations);
        Assert.Equal(created.Id, edited.Id);
        var edit = h.Server.Requests[^1];
        Assert.Equal("PATCH /channels/{channel_id}/messages/{message_id}", edit.Route);
        Assert.Equal(Png, Assert.Single(edit.Files).Content);
        using var payload = JsonDocument.Parse(edit.BodyText!);
        Assert.False(payload.RootElement.TryGetProperty("nonce", out _));
        Assert.Equal("final", payload.RootElement.GetProperty("embeds")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task CreateForumThreadAsync_PreparedPost_SendsTitleStarterMessageAndFileWithoutNonce()
    {
        await using var h = await RestHarness.StartAsync();
        var prepared = PreparedForumThread.Prepare(new ForumThreadRequest { Name = "Frieren Season 2 Review", Message = WithChart("forum") });

        var first = await h.Client.CreateForumThreadAsync(Channel, prepared);
        var second = await h.Client.CreateForumThreadAsync(new Snowflake(Channel.Value + 1), prepared);

        Assert.Empty(h.Server.SchemaViolations);
        Assert.NotEqual(first.Id, second.Id);
        Assert.All(h.Server.Requests, r =>
        {
            Assert.Equal(Png, Assert.Single(r.Files).Content);
            using var payload = JsonDocument.Parse(r.BodyText!);
            Assert.Equal("Frieren Season 2 Review", payload.RootElement.GetProperty("name").GetString());
            Assert.False(payload.RootElement.GetProperty("message").TryGetProperty("nonce", out _));
        });
    }

    [Fact]
    public void Prepare_MessageCarryingANonce_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => PreparedMessage.Prepare(new MessageRequest { Content = "x", Nonce = "rb-1", EnforceNonce = true }));

        Assert.Contains("own nonce", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateMessageAsync_PreparedWithANonceOver25Characters_IsRefusedBeforeSending()
    {
        await using var h = await RestHarness.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.CreateMessageAsync(Channel, PreparedMessage.Prepare(WithChart("x")), new string('n', 26)));

        Assert.Empty(h.Server.Requests);
    }

    private static MessageRequest WithChart(string title) =>
        new MessageBuilder()
            .AddEmbed(new EmbedBuilder().WithTitle(title).WithImage("attachment://chart.png"))
            .AddFile(new FileUpload("chart.png", Png))
            .Build();

    /// <summary>Top-level fields by name with their raw JSON, order aside.</summary>
    private static SortedDictionary<string, string> Fields(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new SortedDictionary<string, string>(
            document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText()),
            StringComparer.Ordinal);
    }
}
