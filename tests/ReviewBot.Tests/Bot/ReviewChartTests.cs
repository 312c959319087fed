using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;
using SkiaSharp;

namespace ReviewBot.Tests.Bot;

/// <summary>/review with the episode-score chart attached as a PNG the embed shows.</summary>
public sealed class ReviewChartTests
{
    [Fact]
    public async Task Review_WhereTheBotMayAttachFiles_UploadsTheChartAndTheEmbedShowsIt()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.StartsWith("multipart/form-data", reply.Callback.Header("Content-Type"), StringComparison.Ordinal);
        var file = Assert.Single(reply.Callback.Files);
        Assert.Equal(("files[0]", "chart.png", "image/png"), (file.Name, file.FileName, file.ContentType));
        using var image = SKBitmap.Decode(file.Content);
        Assert.Equal((1000, 440), (image.Width, image.Height));
        Assert.Equal("attachment://chart.png", reply.Embed.GetProperty("image").GetProperty("url").GetString());
        Assert.Equal("chart.png", reply.Data.GetProperty("attachments")[0].GetProperty("filename").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_WithoutAttachFiles_SendsNoFileAndTheGuideStillListsEveryScore()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithoutAttachFiles;

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Empty(reply.Callback.Files);
        Assert.StartsWith("application/json", reply.Callback.Header("Content-Type"), StringComparison.Ordinal);
        Assert.False(reply.Embed.TryGetProperty("image", out _));
        var guide = reply.Embed.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("name").GetString() == "Episode guide");
        Assert.Equal(13, guide.GetProperty("value").GetString()!.Split('\n').Length);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_OnAMessageWithTheChart_KeepsTheChartInTheEmbedAndUploadsNothing()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;
        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        // As Discord delivers the message afterwards: the image is the attachment's CDN address.
        var delivered = System.Text.Json.JsonDocument.Parse(reply.Callback.BodyText!.Replace(
            "attachment://chart.png", "https://cdn.discordapp.com/attachments/1300000000000000002/1700000000000000001/chart.png?ex=6a1b", StringComparison.Ordinal)).RootElement.GetProperty("data");

        var rated = await bot.SelectOnAsync(delivered, reply.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal)), "7");

        Assert.Equal(InteractionCallbackType.UpdateMessage, rated.Type);
        Assert.Empty(rated.Callback.Files);
        Assert.False(rated.Data.TryGetProperty("attachments", out _));
        Assert.Equal("attachment://chart.png", rated.Embed.GetProperty("image").GetProperty("url").GetString());
        bot.AssertEveryRequestValid();
    }
}
