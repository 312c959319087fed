using System.Text.Json;
using ReviewBot.Reviews;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Bot;

public sealed class LongReviewTests
{
    [Fact]
    public async Task Review_SixtyEpisodesWithLongTitles_StaysWithinEveryEmbedLimit()
    {
        await using var bot = await BotHost.StartAsync();
        var longTitle = string.Concat(Enumerable.Repeat("The Extraordinarily Long Title ", 6)).Trim();
        await bot.ImportAsync(TestReviews.Plain("Endless Saga", 1, 60, headline: string.Concat(Enumerable.Repeat("A very long headline ", 20)), title: n => $"{longTitle} {n}"));

        var review = await bot.SlashAsync("review", new SlashOption("show", "endless-saga"));
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 60), new SlashOption("show", "endless-saga"));
        var latest = await bot.SlashAsync("latest", new SlashOption("count", 10));

        foreach (var reply in new[] { review, episode, latest })
        {
            Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
            AssertWithinLimits(reply.Embed);
        }

        var guide = review.Embed.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("name").GetString()!.StartsWith("Episode guide", StringComparison.Ordinal)).ToList();
        Assert.True(guide.Count >= 2);
        Assert.Contains("`60`", guide[^1].GetProperty("value").GetString(), StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task EveryReply_ShowWithAVeryLongTitle_StaysWithinEveryLimit()
    {
        await using var bot = await BotHost.StartAsync();
        var title = "Reincarnated " + string.Concat(Enumerable.Repeat("As The Overlooked Sidekick Of An Unlikely Hero ", 5)).Trim();
        await bot.ImportAsync(TestReviews.Plain(title, 1, 60, title: n => $"{title} Part {n}"));

        var suggestion = await bot.AutocompleteAsync("review", "show", "reincarnated");
        var slug = suggestion.Data.GetProperty("choices")[0].GetProperty("value").GetString()!;
        var review = await bot.SlashAsync("review", new SlashOption("show", slug));
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 30), new SlashOption("show", slug));
        var next = await bot.ClickAsync(episode.CustomIds[1]);
        var which = await bot.SlashInAsync(BotHost.ChannelId + 41, "episode", new SlashOption("number", 9));
        var search = await bot.SlashAsync("search", new SlashOption("query", "reincarnated sidekick"));
        var latest = await bot.SlashAsync("latest");

        Assert.True(title.Length > 200);
        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, suggestion.Type);
        Assert.True(suggestion.Data.GetProperty("choices")[0].GetProperty("name").GetString()!.Length <= 100);
        foreach (var reply in new[] { review, episode, next, search, latest })
        {
            Assert.Contains(reply.Type, new[] { InteractionCallbackType.ChannelMessageWithSource, InteractionCallbackType.UpdateMessage });
            AssertWithinLimits(reply.Embed);
        }

        Assert.Equal("Several shows have an episode 9. Which show?", which.Content);
        Assert.All(which.Data.GetProperty("components")[0].GetProperty("components")[0].GetProperty("options").EnumerateArray(),
            o => Assert.InRange(o.GetProperty("label").GetString()!.Length, 1, 100));
        Assert.All(review.Embed.GetProperty("fields").EnumerateArray().Where(f => f.GetProperty("name").GetString()!.StartsWith("Episode guide", StringComparison.Ordinal)),
            f => Assert.InRange(f.GetProperty("value").GetString()!.Length, 1, 1024));
        bot.AssertEveryRequestValid();
    }

    private static void AssertWithinLimits(JsonElement embed)
    {
        var total = Length(embed, "title") + Length(embed, "description");
        Assert.InRange(Length(embed, "title"), 0, 256);
        Assert.InRange(Length(embed, "description"), 0, 4096);
        if (embed.TryGetProperty("fields", out var fields))
        {
            Assert.InRange(fields.GetArrayLength(), 0, 25);
            foreach (var field in fields.EnumerateArray())
            {
                Assert.InRange(Length(field, "name"), 1, 256);
                Assert.InRange(Length(field, "value"), 1, 1024);
                total += Length(field, "name") + Length(field, "value");
            }
        }

        if (embed.TryGetProperty("footer", out var footer))
        {
            total += Length(footer, "text");
        }

        if (embed.TryGetProperty("author", out var author))
        {
            total += Length(author, "name");
        }

        Assert.InRange(total, 1, 6000);
    }

    private static int Length(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString()!.Length : 0;
}
