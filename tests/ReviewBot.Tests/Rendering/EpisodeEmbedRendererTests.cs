using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Tests.Rendering;

public sealed class EpisodeEmbedRendererTests
{
    private static readonly ShowRef Show = new("Metallic Rouge", "metallic-rouge");

    [Fact]
    public void Render_Mentions_QuotedOnALineEachWithLineEndingsAsSpacesAndMarkdownEscaped()
    {
        string[] mentions = ["Line one\r\nline two\rthree\nfour", "# head *x*\u2028more\u0085end", "- a list? [no](link)"];

        var description = Description(mentions);

        Assert.Equal(string.Join("\n", mentions.Select(m => "> " + MarkdownEscaper.Escape(m.ReplaceLineEndings(" ")))), description);
        Assert.Equal("> Line one line two three four\n> \\# head \\*x\\* more end\n> \\- a list? \\[no\\]\\(link\\)", description);
    }

    [Fact]
    public void Render_MentionsPastTheLength_StopsBeforeTheFirstThatDoesNotFitAndCountsTheRest()
    {
        string[] mentions = [new string('a', 1500), new string('b', 1490), new string('c', 10), "d"];

        var description = Description(mentions);

        Assert.Equal("> " + mentions[0] + "\n> " + mentions[1] + "\n…and 2 more", description);
    }

    [Fact]
    public void Render_FirstMentionLongerThanTheLengthWithOthersAfterIt_IsShortenedAndCountsTheOthers()
    {
        var description = Description([string.Join(" ", Enumerable.Repeat("word", 1000)), "Episode nine again.", "And again."]);

        Assert.StartsWith("> word word", description, StringComparison.Ordinal);
        Assert.EndsWith(TextShortener.Ellipsis + "\n…and 2 more", description, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FirstMentionLongerThanTheLength_IsShortened()
    {
        var description = Description([string.Join(" ", Enumerable.Repeat("word", 1000))]);

        Assert.StartsWith("> word word", description, StringComparison.Ordinal);
        Assert.EndsWith(TextShortener.Ellipsis, description, StringComparison.Ordinal);
        Assert.InRange(description.Length, 2990, 3000);
    }

    private static string Description(string[] mentions) =>
        new EpisodeEmbedRenderer().Render(new EpisodeAnswer.Found(Show, 1, new EpisodeEntry(9, "Nine", new Score(4, 5)), mentions, "", null), null)
            .Build().Embeds![0].Description!;
}
