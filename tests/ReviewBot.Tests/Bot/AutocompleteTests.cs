using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Bot;

public sealed class AutocompleteTests
{
    [Fact]
    public async Task Autocomplete_Prefix_SuggestsTitlesValuedWithSlugs()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Metal Gardeners", 1, 3));

        var reply = await bot.AutocompleteAsync("review", "show", "meta");

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, reply.Type);
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

    /// <summary>
    /// A title longer than a choice's 100 characters is shortened for /subscribe as for /review, never
    /// inside an emoji: half of a surrogate pair would reach Discord as a replacement character.
    /// </summary>
    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    public async Task Autocomplete_SubscriptionShowWithALongTitle_IsShortenedAsForReviewWithoutHalfAnEmoji(string command)
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Quux " + new string('x', 93) + "\U0001F600 and a tail of words", 1, 2));

        var subscription = await bot.AutocompleteAsync(command, "show", "quux");
        var review = await bot.AutocompleteAsync("review", "show", "quux");

        var name = Assert.Single(Names(subscription));
        Assert.Equal(Assert.Single(Names(review)), name);
        Assert.Equal("Quux " + new string('x', 93) + "…", name);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task LongTitleOfOneEmojiWord_IsShortenedBetweenWholeEmoji_InAutocompleteAndTheReviewTitle()
    {
        await using var bot = await BotHost.StartAsync();
        const string family = "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466"; // one emoji, 11 UTF-16 units
        await bot.ImportAsync(TestReviews.Plain("Family " + string.Concat(Enumerable.Repeat(family, 40)), 1, 2));

        var suggestion = await bot.AutocompleteAsync("review", "show", "family");
        var review = await bot.SlashAsync("review", new SlashOption("show", suggestion.Data.GetProperty("choices")[0].GetProperty("value").GetString()!));

        // A cut inside the sequence leaves a different emoji (a man, a couple) or a dangling joiner that
        // glues itself to the ellipsis; whole sequences only: as many as fit before the "…" (and, in the
        // review's title, before the season it names, which a long title gives way to).
        Assert.Equal("Family " + string.Concat(Enumerable.Repeat(family, 8)) + "…", Assert.Single(Names(suggestion)));
        Assert.Equal("Family " + string.Concat(Enumerable.Repeat(family, 20)) + "… — Season 1 Review", review.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_PrefixMatchesComeBeforeFuzzyOnes()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Rouge Nights", 1, 3));

        var reply = await bot.AutocompleteAsync("review", "show", "rouge");

        var names = Names(reply);
        Assert.Equal("Rouge Nights", names[0]);
        Assert.Contains("Metallic Rouge", names);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_Typo_StillSuggestsTheShow()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.AutocompleteAsync("review", "show", "metalic rouj");

        Assert.Equal("Metallic Rouge", Names(reply)[0]);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_ChosenValue_IsAcceptedByReview()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Sword: Art & Craft!", 1, 3));
        var suggestion = await bot.AutocompleteAsync("review", "show", "sword");
        var value = suggestion.Data.GetProperty("choices")[0].GetProperty("value").GetString()!;

        var reply = await bot.SlashAsync("review", new SlashOption("show", value));

        Assert.False(reply.IsEphemeral, reply.Content);
        Assert.Equal("Sword: Art & Craft! — Season 1 Review", reply.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Autocomplete_NothingMatches_AnswersWithAnEmptyList()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.AutocompleteAsync("episode", "show", "zzzzqqqq", new SlashOption("number", 1));

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, reply.Type);
        Assert.Equal(0, reply.Data.GetProperty("choices").GetArrayLength());
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("review", "season")]
    [InlineData("subscribe", "min_verdict")]
    [InlineData("subscribe", "role")]
    [InlineData("unsubscribe", "channel")]
    [InlineData("episode", "number")]
    public async Task Autocomplete_FocusedOptionThatDoesNotAutocomplete_AnswersWithNoChoices(string command, string option)
    {
        // Show titles as the choices of an integer option are choices Discord refuses, so the member
        // would see "Loading options failed" rather than an empty list.
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.AutocompleteAsync(command, option, "me");

        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, reply.Type);
        Assert.Equal(0, reply.Data.GetProperty("choices").GetArrayLength());
        bot.AssertEveryRequestValid();
    }

    private static List<string> Names(InteractionExchange reply) =>
        reply.Data.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToList();
}
