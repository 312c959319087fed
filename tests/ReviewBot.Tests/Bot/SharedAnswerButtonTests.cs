using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// The Previous/Next and "Whole review" buttons of a public /episode answer page the message for
/// everyone in the channel: only the member who asked may do that; anyone else gets the page they
/// pressed for as an answer of their own.
/// </summary>
public sealed class SharedAnswerButtonTests
{
    private const ulong Asker = BotHost.UserId;
    private const ulong Other = BotHost.UserId + 1;

    [Fact]
    public async Task NextOnAPublicAnswer_PressedByTheAsker_UpdatesTheMessage()
    {
        await using var bot = await BotHost.StartAsync();
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "metallic-rouge"));

        var next = await bot.PressOnAnswerAsync(episode.CustomIds[1], presser: Asker, asker: Asker);

        Assert.Equal(InteractionCallbackType.UpdateMessage, next.Type);
        Assert.Equal("Episode 13: Code Eve", next.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task NextOnAPublicAnswer_PressedBySomeoneElse_AnswersThemAloneAndLeavesTheMessage(bool askerInOlderField)
    {
        await using var bot = await BotHost.StartAsync();
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "metallic-rouge"));

        var next = await bot.PressOnAnswerAsync(episode.CustomIds[1], presser: Other, asker: Asker, askerInOlderField: askerInOlderField);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, next.Type);
        Assert.True(next.IsEphemeral);
        Assert.Equal("Episode 13: Code Eve", next.Embed.GetProperty("title").GetString());
        Assert.Matches(@"^ep:\d+:1:12$", next.CustomIds[0]);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task WholeReviewOnAPublicAnswer_PressedBySomeoneElse_AnswersThemAloneWithTheReview()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "metallic-rouge"));
        // The command's own answer is kept: the other member must not be handed it as it is.
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        var whole = await bot.PressOnAnswerAsync(episode.CustomIds.Single(id => id.StartsWith("rv:", StringComparison.Ordinal)), presser: Other, asker: Asker);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, whole.Type);
        Assert.True(whole.IsEphemeral);
        Assert.Equal("Metallic Rouge — Season 1 Review", whole.Embed.GetProperty("title").GetString());
        var asked = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        Assert.False(asked.IsEphemeral);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task NextOnAPublicMessageNoOneAskedFor_AnswersThePresserAlone()
    {
        // Without an asker on record nobody owns the message, so nobody may page it for everyone.
        await using var bot = await BotHost.StartAsync();
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "metallic-rouge"));

        var next = await bot.PressOnAnswerAsync(episode.CustomIds[1], presser: Other, asker: null);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, next.Type);
        Assert.True(next.IsEphemeral);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task NextOnAnEphemeralAnswer_UpdatesIt()
    {
        // Only the member who sees an ephemeral message can press its buttons, whoever Discord names as its asker.
        await using var bot = await BotHost.StartAsync();
        var episode = await bot.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "metallic-rouge"));

        var next = await bot.PressOnAnswerAsync(episode.CustomIds[1], presser: Other, asker: null, ephemeral: true);

        Assert.Equal(InteractionCallbackType.UpdateMessage, next.Type);
        Assert.Equal("Episode 13: Code Eve", next.Embed.GetProperty("title").GetString());
        bot.AssertEveryRequestValid();
    }
}
