using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Tests.Interactions;

public sealed class MessageBuilderTests
{
    [Fact]
    public void Build_TenFullEmbeds_KeepsAllEmbedsTogetherWithin6000()
    {
        var builder = new MessageBuilder();
        for (var i = 0; i < 10; i++)
        {
            builder.AddEmbed(new EmbedBuilder().WithTitle($"Show {i}").WithDescription(new string('x', 4000)));
        }

        var message = builder.Build();

        Assert.True(message.Embeds!.Sum(EmbedBuilder.CountCharacters) <= DiscordLimits.EmbedTotalCharacters);
    }

    [Fact]
    public void AddEmbed_Eleventh_Throws()
    {
        var builder = new MessageBuilder();
        for (var i = 0; i < 10; i++)
        {
            builder.AddEmbed(new EmbedBuilder().WithTitle("t"));
        }

        Assert.Throws<InvalidOperationException>(() => builder.AddEmbed(new EmbedBuilder().WithTitle("t")));
    }

    [Fact]
    public void WithContent_5000Characters_IsShortenedTo2000()
    {
        var message = new MessageBuilder().WithContent(string.Concat(Enumerable.Repeat("word ", 1000))).Build();

        Assert.True(message.Content!.Length <= DiscordLimits.MessageContent);
        Assert.EndsWith("…", message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_ByDefault_AllowsNoMentions()
    {
        Assert.Empty(new MessageBuilder().WithContent("@everyone").Build().AllowedMentions.Parse);
        Assert.Empty(new MessageRequest().AllowedMentions.Parse);
        Assert.Null(new MessageRequest().AllowedMentions.Roles);
    }

    [Fact]
    public void AllowRoleMention_OneRole_ListsOnlyThatRole()
    {
        var mentions = new MessageBuilder().AllowRoleMention(new Snowflake(77)).Build().AllowedMentions;

        Assert.Empty(mentions.Parse);
        Assert.Equal([new Snowflake(77)], mentions.Roles!);
    }

    [Fact]
    public void ActionRow_SixthButton_Throws()
    {
        var row = new ActionRowBuilder();
        for (var i = 0; i < 5; i++)
        {
            row.Add(Buttons.Secondary($"b{i}", "B"));
        }

        Assert.Throws<InvalidOperationException>(() => row.Add(Buttons.Secondary("b5", "B")));
    }

    [Fact]
    public void Rows_26Buttons_ThrowsBecauseOnly5RowsFit()
    {
        var buttons = Enumerable.Range(0, 26).Select(i => Buttons.Primary($"b{i}", "B"));

        Assert.Throws<InvalidOperationException>(() => ActionRowBuilder.Rows(buttons));
        Assert.Equal(5, ActionRowBuilder.Rows(Enumerable.Range(0, 25).Select(i => Buttons.Primary($"b{i}", "B"))).Count);
    }

    [Fact]
    public void Buttons_CustomIdOver100_ThrowsAndLongLabelIsShortened()
    {
        Assert.Throws<ArgumentException>(() => Buttons.Primary(new string('i', 101), "label"));
        Assert.True(Buttons.Primary("id", new string('l', 120)).Label!.Length <= DiscordLimits.ButtonLabel);
        Assert.Null(Buttons.Link("https://example.org", "Open").CustomId);
    }

    [Fact]
    public void StringSelect_InARowWithButtons_Throws()
    {
        var row = new ActionRowBuilder().Add(Buttons.Primary("a", "A"));
        var select = new StringSelectBuilder("pick").AddOption("One", "1").BuildRow().Components![0];

        Assert.Throws<InvalidOperationException>(() => row.Add(select));
    }

    [Fact]
    public void AutocompleteChoices_ThirtyWithLongNames_Keeps25WithinLimits()
    {
        var choices = AutocompleteChoices.FromStrings(Enumerable.Range(0, 30).Select(i => (new string('n', 150) + i, $"value-{i}")));

        Assert.Equal(DiscordLimits.AutocompleteChoices, choices.Count);
        Assert.All(choices, c => Assert.InRange(c.Name.Length, 1, DiscordLimits.ChoiceName));
    }

    [Theory]
    [InlineData("**bold** _it_ ~~s~~ `code` ||spoiler||", @"\*\*bold\*\* \_it\_ \~\~s\~\~ \`code\` \|\|spoiler\|\|")]
    [InlineData("# title\n> quote\n- item", "\\# title\n\\> quote\n\\- item")]
    [InlineData("[link](https://x) <@123>", @"\[link\]\(https://x\) \<@123>")]
    [InlineData("a - b # c", "a - b # c")]
    public void MarkdownEscaper_UserText_ShowsAsTyped(string text, string expected) =>
        Assert.Equal(expected, MarkdownEscaper.Escape(text));
}
