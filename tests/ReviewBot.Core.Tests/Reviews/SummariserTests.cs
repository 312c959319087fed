using ReviewBot.Core.Reviews;

namespace ReviewBot.Core.Tests.Reviews;

public sealed class SummariserTests
{
    private readonly Summariser _summariser = new();

    [Fact]
    public void Summarise_Sample_AtMostThreeWholeSentencesAnd600Characters()
    {
        var body = new ReviewParser().Parse(TestDatabase.SampleText).Review!.Body;
        var bodySentences = Sentences.Split(body).ToHashSet();

        var summary = _summariser.Summarise(body);

        Assert.InRange(summary.Length, 1, Summariser.MaxCharacters);
        var sentences = Sentences.Split(summary).ToList();
        Assert.InRange(sentences.Count, 1, Summariser.MaxSentences);
        Assert.All(sentences, s => Assert.Contains(s, bodySentences));
    }

    [Fact]
    public void Summarise_SameBodyTwice_SameSummary()
    {
        var body = new ReviewParser().Parse(TestDatabase.SampleText).Review!.Body;

        Assert.Equal(_summariser.Summarise(body), _summariser.Summarise(body));
    }

    [Fact]
    public void Summarise_EmptyBody_Empty()
    {
        Assert.Equal("", _summariser.Summarise(""));
    }

    [Fact]
    public void Summarise_OneHugeSentence_NeverCutsIt()
    {
        var summary = _summariser.Summarise(string.Join(" ", Enumerable.Repeat("word", 200)) + ".");

        Assert.Equal("", summary);
    }
}
