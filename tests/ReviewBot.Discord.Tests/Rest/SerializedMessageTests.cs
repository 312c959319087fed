using System.Text;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>
/// A message kept as its JSON must send the very bytes the message objects would have: a callback from
/// <see cref="SerializedMessage"/> is compared with one encoded from the <see cref="MessageRequest"/>.
/// </summary>
public sealed class SerializedMessageTests
{
    private static MessageRequest Message(bool withFile)
    {
        var embed = new EmbedBuilder()
            .WithTitle("Metallic Rouge — Season 1 Review")
            .WithDescription("**A slow start** \"quoted\" \\ and ünïcödé 🎬")
            .WithColor(0x3BA55C)
            .AddField("Verdict", "**6/10**", inline: true)
            .AddField("Guide", "1. One ★★★\n2. Two ★★", inline: false)
            .WithFooter("By someone");
        var message = new MessageBuilder();
        if (withFile)
        {
            embed.WithImage("attachment://chart.png");
            message.AddFile(new FileUpload("chart.png", new byte[] { 0x89, 0x50, 0x4E, 0x47, 0, 255, 13, 10 }));
        }

        return message
            .AddEmbed(embed)
            .AddRow(new ActionRowBuilder().Add(Buttons.Link("https://example.org/review", "Read the full review")).Build())
            .Build();
    }

    [Theory]
    [InlineData(InteractionCallbackType.ChannelMessageWithSource)]
    [InlineData(InteractionCallbackType.UpdateMessage)]
    public void Callback_WithoutFiles_IsTheBodyTheMessageEncodesTo(InteractionCallbackType type)
    {
        var message = Message(withFile: false);

        var expected = InteractionCallbackBody.Create(new InteractionResponse(type, message));
        var kept = InteractionCallbackBody.Create(type, new SerializedMessage(SerializedMessage.Encode(message)));

        Assert.Equal(expected.ContentType.ToString(), kept.ContentType.ToString());
        Assert.Equal(Encoding.UTF8.GetString(expected.Request.ToArray()), Encoding.UTF8.GetString(kept.Request.ToArray()));
        Assert.Equal(expected.Length, kept.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Callback_WithAFile_IsTheBodyTheMessageEncodesTo_ButForTheBoundary(bool reuseFraming)
    {
        var message = Message(withFile: true);
        var framing = reuseFraming ? FileFraming.For(message.Files!) : null;

        var expected = InteractionCallbackBody.Create(new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, message));
        var kept = InteractionCallbackBody.Create(
            InteractionCallbackType.ChannelMessageWithSource, new SerializedMessage(SerializedMessage.Encode(message), message.Files, framing));

        var expectedBoundary = Boundary(expected);
        var keptBoundary = Boundary(kept);
        Assert.Equal(
            Encoding.Latin1.GetString(expected.Request.ToArray()).Replace(expectedBoundary, keptBoundary, StringComparison.Ordinal),
            Encoding.Latin1.GetString(kept.Request.ToArray()));
        Assert.Equal(expected.Length, kept.Length);
    }

    [Fact]
    public void Callback_WithFramingForOtherFiles_FramesItsOwn()
    {
        var message = Message(withFile: true);
        var other = FileFraming.For([new FileUpload("other.png", new byte[] { 1 })]);

        var kept = InteractionCallbackBody.Create(
            InteractionCallbackType.ChannelMessageWithSource, new SerializedMessage(SerializedMessage.Encode(message), message.Files, other));

        var text = Encoding.Latin1.GetString(kept.Request.ToArray());
        Assert.Contains("filename=chart.png", text, StringComparison.Ordinal);
        Assert.DoesNotContain("other.png", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Decode_IsTheMessageEncoded_WithItsFiles()
    {
        var message = Message(withFile: true) with { Nonce = "n1", EnforceNonce = true };
        var serialized = new SerializedMessage(SerializedMessage.Encode(message), message.Files);

        var decoded = serialized.Decode();

        Assert.Null(decoded.Nonce);
        Assert.Same(message.Files, decoded.Files);
        Assert.Equal(Encoding.UTF8.GetString(SerializedMessage.Encode(message)), Encoding.UTF8.GetString(SerializedMessage.Encode(decoded)));
        Assert.Equal("attachment://chart.png", decoded.Embeds![0].Image!.Url);
    }

    [Fact]
    public void FileFraming_FitsOnlyTheSameNamesAndTypesInOrder()
    {
        var framing = FileFraming.For([new FileUpload("a.png", new byte[] { 1 }), new FileUpload("b.png", new byte[] { 2 })]);

        Assert.True(framing.Fits([new FileUpload("a.png", new byte[] { 9, 9 }), new FileUpload("b.png", Array.Empty<byte>())]));
        Assert.False(framing.Fits([new FileUpload("b.png", new byte[] { 1 }), new FileUpload("a.png", new byte[] { 2 })]));
        Assert.False(framing.Fits([new FileUpload("a.png", new byte[] { 1 })]));
        Assert.False(framing.Fits([new FileUpload("a.png", new byte[] { 1 }, "image/jpeg"), new FileUpload("b.png", new byte[] { 2 })]));
        Assert.Throws<ArgumentException>(() => FileFraming.For([]));
    }

    private static string Boundary(InteractionCallbackBody body) =>
        body.ContentType.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
}
