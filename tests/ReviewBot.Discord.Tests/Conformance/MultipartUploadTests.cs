using System.Net.Http.Headers;
using System.Text;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Tests.Rest;

namespace ReviewBot.Discord.Tests.Conformance;

/// <summary>Files go as multipart/form-data (payload_json + files[n]) on every route that sends a message.</summary>
public sealed class MultipartUploadTests
{
    private static readonly Snowflake Channel = new(1_300_000_000_000_000_031);

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3, 4];

    [Fact]
    public async Task EveryMessageRoute_WithAFile_SendsPayloadJsonAndTheFileTheEmbedRefersTo()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();

        await h.Client.RespondAsync(interaction, WithChart("reply"));
        await h.Client.UpdateMessageAsync(h.Interaction(2), WithChart("update"));
        await h.Client.EditOriginalResponseAsync(interaction, WithChart("edit original"));
        await h.Client.CreateFollowupMessageAsync(interaction, WithChart("follow-up"));
        var created = await h.Client.CreateMessageAsync(Channel, WithChart("channel") with { Nonce = "review-1-channel-31", EnforceNonce = true });
        await h.Client.EditMessageAsync(Channel, created.Id, WithChart("edited"));
        await h.Client.CreateForumThreadAsync(Channel, new ForumThreadRequest { Name = "Frieren Season 2 Review", Message = WithChart("forum") });

        Assert.Empty(h.Server.SchemaViolations);
        Assert.Equal(7, h.Server.Requests.Count);
        Assert.All(h.Server.Requests, r =>
        {
            Assert.InRange(r.Status, 200, 204);
            Assert.StartsWith("multipart/form-data; boundary=", r.Header("Content-Type"), StringComparison.Ordinal);
            var file = Assert.Single(r.Files);
            Assert.Equal(("files[0]", "chart.png", "image/png"), (file.Name, file.FileName, file.ContentType));
            Assert.Equal(Png, file.Content);
            Assert.Contains("\"attachment://chart.png\"", r.BodyText, StringComparison.Ordinal);
            Assert.Contains("\"attachments\":[{\"id\":\"0\",\"filename\":\"chart.png\"}]", r.BodyText, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task FakeDiscord_UploadWithoutItsAttachmentsEntry_IsRefusedAsAViolation()
    {
        await using var h = await RestHarness.StartAsync();
        h.ExpectSchemaViolations = true;
        using var http = new HttpClient();
        using var form = new MultipartFormDataContent();
        var payload = new StringContent("""{"content":"x","embeds":[{"image":{"url":"attachment://other.png"}}]}""", Encoding.UTF8);
        payload.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        form.Add(payload, "payload_json");
        form.Add(new ByteArrayContent(Png), "files[0]", "chart.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"{h.Server.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/channels/{Channel}/messages")) { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", h.Server.Options.Token);
        request.Headers.UserAgent.ParseAdd("DiscordBot (https://example.com, 1.0)");

        using var response = await http.SendAsync(request);

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains(h.Server.SchemaViolations, v => v.Contains("files[0] has no attachments entry with id 0", StringComparison.Ordinal));
        Assert.Contains(h.Server.SchemaViolations, v => v.Contains("attachment://other.png names no uploaded file", StringComparison.Ordinal));
    }

    private static MessageRequest WithChart(string title) =>
        new MessageBuilder()
            .AddEmbed(new EmbedBuilder().WithTitle(title).WithImage("attachment://chart.png"))
            .AddFile(new FileUpload("chart.png", Png))
            .Build();
}
