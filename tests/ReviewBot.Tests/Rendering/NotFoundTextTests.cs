using ReviewBot.Core.Answers;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Rendering;

public sealed class NotFoundTextTests
{
    [Fact]
    public void SeasonNotFound_HundredsOfReviewedSeasons_NamesWholeSeasonsAndCountsTheRest()
    {
        var show = new ShowRef("Long *Runner*", "long-runner");

        // As the member gets it: an ephemeral reply holds 2000 characters.
        var content = InteractionReply.Ephemeral(NotFoundText.SeasonNotFound(show, 999, [.. Enumerable.Range(1, 400)])).Message.Content!;

        Assert.InRange(content.Length, 1, 2000);
        Assert.StartsWith(@"**Long \*Runner\*** has no Season 999 review. Reviewed: Season 1, Season 2, ", content, StringComparison.Ordinal);
        var match = System.Text.RegularExpressions.Regex.Match(content, @", Season (\d+), …and (\d+) more\.$");
        Assert.True(match.Success, content[^60..]);
        Assert.Equal(400, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
        MarkdownAssert.WellFormed(content);
    }
}
