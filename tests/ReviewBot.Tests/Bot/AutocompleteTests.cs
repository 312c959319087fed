using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

public sealed class AutocompleteTests
{
    [Fact]
    public async Task Autocomplete_Prefix_SuggestsTitlesValuedWithSlugs()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Metal Gardeners", 1, 3));

        var reply = await bot.AutocompleteAsync("review", "show", "meta");

        Assert.Equal(8, reply.Type);
        var choices = reply.Data.GetProperty("choices").EnumerateArray().Select(c => (c.GetProperty("name").GetString(), c.GetProperty("value").GetString())).ToList();
        Assert.Contains(("Metallic Rouge", "metallic-rouge"), choices);
        Assert.Contains(("Metal Gardeners", "metal-gardeners"), choices);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_ManyShows_AnswersWithAtMost25()
    {
        await using var bot = await BotHost.StartAsync();
        for (var i = 0; i < 30; i++)
        {
            await bot.ImportAsync(TestReviews.Plain($"Show Number {i:00}", 1, 2));
        }

        var reply = await bot.AutocompleteAsync("episode", "show", "show", new SlashOption("number", 1));

        Assert.Equal(25, reply.Data.GetProperty("choices").GetArrayLength());
        Assert.Equal("Show Number 00", reply.Data.GetProperty("choices")[0].GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }
}
