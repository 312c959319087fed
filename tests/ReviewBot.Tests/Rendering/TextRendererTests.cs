using ReviewBot.Cli;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Tests.Rendering;

public sealed class TextRendererTests
{
    private static readonly ShowRef Rouge = new("Metallic Rouge", "metallic-rouge");
    private static readonly ShowRef Frieren = new("Frieren", "frieren");
    private readonly TextRenderer _renderer = new();

    [Fact]
    public void Render_ShowNotFoundWithTwoSuggestions_AsksWhichOne()
    {
        var text = _renderer.Render(new ReviewAnswer.ShowNotFound("metal", [Rouge, Frieren]));

        Assert.Equal("I have no review of \"metal\". Did you mean Metallic Rouge or Frieren?", text);
    }

    [Fact]
    public void Render_WhichShow_ListsCandidatesWithTheCommandToType()
    {
        var text = _renderer.Render(new EpisodeAnswer.WhichShow(2, [new ShowSeason(Frieren, 2), new ShowSeason(Rouge, 1)]));

        Assert.Contains("Several shows have an episode 2. Which one did you mean?", text, StringComparison.Ordinal);
        Assert.True(
            text.IndexOf("Frieren Season 2", StringComparison.Ordinal) < text.IndexOf("Metallic Rouge Season 1", StringComparison.Ordinal));
        Assert.Contains("/episode 2 show:metallic-rouge", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_EpisodeFoundWithoutScore_SaysNotScored()
    {
        var text = _renderer.Render(new EpisodeAnswer.Found(Rouge, 1, new EpisodeEntry(4, "Freedom", null), [], "H", null));

        Assert.StartsWith("Episode 4: Freedom — not scored", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SeasonNotFound_NamesReviewedSeasons()
    {
        var text = _renderer.Render(new ReviewAnswer.SeasonNotFound(Frieren, 3, [1, 2]));

        Assert.Equal("I have no review of Frieren Season 3; reviewed: seasons 1, 2.", text);
    }

    [Fact]
    public void Render_ReviewWithAuthorAndDate_WritesTheDayOutInsteadOfADiscordTag()
    {
        var review = new ReviewDetails(
            Frieren, 2, "Quiet", new Score(9, 10), "", [], null, [], [], null, "Ana Writer", new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero));

        var text = _renderer.Render(new ReviewAnswer.Found(review));

        Assert.Contains("By Ana Writer · 20 January 2026", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<t:", text, StringComparison.Ordinal);
    }
}
