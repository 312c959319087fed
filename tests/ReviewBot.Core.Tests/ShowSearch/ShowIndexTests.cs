using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.ShowSearch;

public sealed class ShowIndexTests
{
    private static readonly ShowRecord[] Shows = Load(
        "Metallic Rouge", "Metal Family", "Frieren", "Frieren: Beyond Journey's End", "Crimson Blade", "Crimson Blade Chronicles",
        "Émile & Co", "the Apothecary Diaries", "Re:Zero", "Oshi no Ko");

    [Theory]
    [InlineData("metallic-rouge")]
    [InlineData("METALLIC-ROUGE")]
    [InlineData("  Metallic Rouge ")]
    [InlineData("metallic ROUGE!")]
    public void FindExact_SlugOrTitleInAnyCaseOrPunctuation_FindsTheShow(string typed)
    {
        Assert.Equal("metallic-rouge", ShowIndex.Build(Shows).FindExact(typed)?.Slug);
    }

    [Fact]
    public void FindExact_PartOfATitle_IsNotExact()
    {
        Assert.Null(ShowIndex.Build(Shows).FindExact("metallic"));
    }

    /// <summary>
    /// Every /review and /episode looks its show up: a slug or a title typed as it is is found without
    /// preparing the query's other forms, allocating little more than the record returned.
    /// </summary>
    [Fact]
    public void FindExact_SlugOrTitleAsTyped_AllocatesLittleBeyondTheRecord()
    {
        var index = ShowIndex.Build(Shows);
        string[] typed = [Slug.From("Frieren: Beyond Journey's End"), "Frieren: Beyond Journey’s End", "  frieren: BEYOND journey's end "];
        foreach (var text in typed)
        {
            Assert.Equal("Frieren: Beyond Journey's End", index.FindExact(text)?.Title);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            foreach (var text in typed)
            {
                index.FindExact(text);
            }
        }

        // The record found is kept, so asked again it costs nothing; a query prepared whole was over 1 KB.
        var perLookup = (GC.GetAllocatedBytesForCurrentThread() - before) / (100.0 * typed.Length);
        Assert.True(perLookup < 16, $"{perLookup:0} bytes per lookup");
    }

    /// <summary>Records kept for exact lookups share slots; whichever show a slot holds, each lookup gets its own show.</summary>
    [Fact]
    public void ExactLookups_ShowsSharingAKeptSlot_EachGetItsOwnRecord()
    {
        var shows = Load(Enumerable.Range(0, ShowIndex.KeptRecords * 3).Select(i => $"Show {i:0000}").ToArray());
        var index = ShowIndex.Build(shows);

        for (var round = 0; round < 3; round++)
        {
            foreach (var show in shows.Where((_, i) => i % (ShowIndex.KeptRecords / 2) == 7))
            {
                Assert.Equal(show, index.FindById(show.Id));
                Assert.Equal(show, index.FindBySlug(show.Slug));
                Assert.Equal(show, index.FindExact(show.Title));
                Assert.Same(index.FindExact(show.Slug), index.FindById(show.Id));
            }
        }
    }

    [Fact]
    public void FindBySlugAndId_AreExactKeys()
    {
        var index = ShowIndex.Build(Shows);

        Assert.Equal("Frieren", index.FindBySlug("frieren")?.Title);
        Assert.Null(index.FindBySlug("FRIEREN")); // ordinal, as the custom_id round trip needs
        Assert.Equal("Metal Family", index.FindById(2)?.Title);
        Assert.Null(index.FindById(999));
    }

    [Fact]
    public void Suggest_Prefix_ByTitleIgnoringCaseThenFuzzy()
    {
        var titles = ShowIndex.Build(Shows).Suggest("the", ShowTitleSuggester.MaxLimit).Select(s => s.Title).ToList();

        Assert.Equal("the Apothecary Diaries", titles[0]);
    }

    [Fact]
    public void Suggest_SlugPrefix_FindsTitlesWhosePunctuationDiffers()
    {
        var titles = ShowIndex.Build(Shows).Suggest("emile", ShowTitleSuggester.MaxLimit).Select(s => s.Title).ToList();

        Assert.Equal("Émile & Co", titles[0]);
    }

    [Fact]
    public void Suggest_PrefixMatchesComeBeforeBetterScoringFuzzyOnes()
    {
        var titles = ShowIndex.Build(Shows).Suggest("crimson blade", ShowTitleSuggester.MaxLimit).Select(s => s.Title).ToList();

        Assert.Equal(["Crimson Blade", "Crimson Blade Chronicles"], titles.Take(2));
    }

    /// <summary>
    /// A title is a prefix match by its show key too, the form exact lookups compare: a soft hyphen or a
    /// zero-width space in the stored title, or a typographic apostrophe, does not keep it from
    /// coming first.
    /// </summary>
    [Fact]
    public void Suggest_PrefixOfTheTitleKey_IsAPrefixMatch()
    {
        var index = ShowIndex.Build(Load("Crimson Blade", "Crimson Bla\u00ADde Chronicles", "Frieren: Beyond Journey\u2019s End", "Frieren Extras"));

        Assert.Equal("Crimson Bla\u00ADde Chronicles", index.Suggest("crimson blade c", ShowTitleSuggester.MaxLimit)[0].Title);
        Assert.Equal("Frieren: Beyond Journey\u2019s End", index.Suggest("frieren: beyond journey's", 1).Single().Title);
    }

    /// <summary>A title without Latin letters has a hashed slug, so only its key can match a prefix of it.</summary>
    [Fact]
    public void Suggest_PrefixOfATitleWithoutLatinLetters_IgnoresFormatCharacters()
    {
        var index = ShowIndex.Build(Load("\u9032\u6483\u306E\u200B\u5DE8\u4EBA", "Frieren"));

        Assert.Equal("\u9032\u6483\u306E\u200B\u5DE8\u4EBA", Assert.Single(index.Suggest("\u9032\u6483\u306E\u5DE8", ShowTitleSuggester.MaxLimit)).Title);
    }

    [Fact]
    public void Suggest_Typo_FindsTheShowFirst()
    {
        var index = ShowIndex.Build(Shows);

        Assert.Equal("Metallic Rouge", index.Suggest("metalic rogue", ShowTitleSuggester.MaxLimit)[0].Title);
        Assert.Equal("Frieren", index.BestMatches(new ShowQuery("freiren"), ShowResolver.MaxSuggestions)[0].Title);
    }

    [Fact]
    public void Suggest_ManyMatches_AtMostTheLimit()
    {
        var many = Load(Enumerable.Range(0, 200).Select(i => $"Metal {i:000}").ToArray());

        var suggestions = ShowIndex.Build(many).Suggest("metal", ShowTitleSuggester.MaxLimit);

        Assert.Equal(ShowTitleSuggester.MaxLimit, suggestions.Count);
        Assert.Equal(Enumerable.Range(0, ShowTitleSuggester.MaxLimit).Select(i => $"Metal {i:000}"), suggestions.Select(s => s.Title));
    }

    [Fact]
    public void Empty_AnswersNothing()
    {
        Assert.Empty(ShowIndex.Empty.Suggest("metal", ShowTitleSuggester.MaxLimit));
        Assert.Empty(ShowIndex.Empty.BestMatches(new ShowQuery("metal"), ShowResolver.MaxSuggestions));
        Assert.Null(ShowIndex.Empty.FindExact("metal"));
    }

    /// <summary>
    /// Shows come back as the store held them, whatever their text: hand-edited slugs in any case
    /// or script, a slug UTF-8 cannot hold as it is (an unpaired surrogate; a title with one cannot
    /// be keyed, so never reaches the index), duplicate ids.
    /// </summary>
    [Fact]
    public void Records_ComeBackAsStored_OddTextsIncluded()
    {
        ShowRecord[] shows =
        [
            new(7, "Émile & Co", "émile-and-co"),
            new(3, "Lone Surrogate", "lone-\uDC00"),
            new(5, "進撃の巨人", "Shingeki"),
            new(5, "Shingeki no Kyojin", "shingeki"),
            new(9, "Straße", "STRASSE"),
        ];
        var index = ShowIndex.Build(shows);

        Assert.Equal(shows, index.Shows);
        Assert.Equal(shows[1], index.FindBySlug("lone-\uDC00"));
        Assert.Null(index.FindBySlug("lone-\uFFFD"));
        Assert.Equal(shows[0], index.FindBySlug("émile-and-co"));
        Assert.Null(index.FindBySlug("ÉMILE-AND-CO")); // ordinal
        Assert.Equal(shows[0], index.FindExact("ÉMILE-AND-CO")); // the slug ignoring case
        Assert.Equal(shows[2], index.FindBySlug("Shingeki"));
        Assert.Equal(shows[3], index.FindBySlug("shingeki"));
        Assert.Equal(shows[4], index.FindExact("strasse"));
        Assert.Equal(shows[3], index.FindById(5)); // the first by title among equal ids
        Assert.Equal([shows[3], shows[2]], index.Suggest("shin", ShowTitleSuggester.MaxLimit).Take(2)); // by title
        Assert.Equal(shows[1], index.Suggest("lone", ShowTitleSuggester.MaxLimit)[0]);
    }

    /// <summary>
    /// The index must answer exactly as scoring every show (<see cref="BruteForceShowSearch"/>):
    /// the same shows in the same order, for prefixes, typos, odd input and non-Latin titles.
    /// </summary>
    [Fact]
    public void Answers_SameAsScoringEveryShow()
    {
        var random = new Random(20261124);
        string[] words =
        [
            "metallic", "rouge", "metal", "family", "crimson", "blade", "frieren", "silent", "garden", "rogue", "kai",
            "Émile", "Ünter", "straße", "Æon", "ıstanbul", "進撃の巨人", "Re:", "no", "ko", "x", "2", "zero", "Zero", "the",
            "Spy\u00ADFamily", "Fam\u200Bily", "journey\u2019s", "journey's", "\u2060kai",
        ];
        var titles = new List<string>();
        while (titles.Count < 600)
        {
            var count = random.Next(1, 5);
            var title = string.Join(random.Next(4) == 0 ? ": " : " ", Enumerable.Range(0, count).Select(_ => words[random.Next(words.Length)]));
            titles.Add(title);
        }

        // Same title twice is allowed in the store as long as the slugs differ; keep slugs unique.
        var shows = titles.DistinctBy(Slug.From).Select((t, i) => new ShowRecord(i + 1, t, Slug.From(t)))
            .OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        var index = ShowIndex.Build(shows);

        var queries = new List<string> { "", " ", "-", "!!", "m", "M", "me", "metal", "metalic", "metalic rogue", "crimsn blad", "進撃", "e", "é", "É", "ı", "i", "I", "ss", "re-", "re:", "zero-2" };
        // 64 or more typed words take the path without per-word bit masks.
        queries.Add(string.Join(' ', Enumerable.Repeat("metal", 70)));
        queries.Add(string.Join(' ', Enumerable.Range(0, 70).Select(i => words[i % words.Length])));
        foreach (var show in shows.Take(80))
        {
            queries.Add(show.Title);
            queries.Add(show.Slug);
            queries.Add(show.Title[..Math.Max(1, show.Title.Length / 2)]);
            queries.Add(show.Title.ToUpperInvariant());
            queries.Add(Typo(show.Title, random));
        }

        for (var i = 0; i < 100; i++)
        {
            queries.Add(string.Join(' ', Enumerable.Range(0, random.Next(1, 4)).Select(_ => Typo(words[random.Next(words.Length)], random))));
        }

        foreach (var query in queries)
        {
            foreach (var limit in new[] { 1, ShowResolver.MaxSuggestions, ShowTitleSuggester.MaxLimit })
            {
                Assert.Equal(BruteForceShowSearch.Suggest(shows, query, limit), index.Suggest(query, limit).Select(s => s.Id));
            }

            Assert.Equal(BruteForceShowSearch.Exact(shows, query), index.FindExact(query)?.Id);
            Assert.Equal(BruteForceShowSearch.Best(shows, query, ShowResolver.MaxSuggestions), index.BestMatches(new ShowQuery(query), ShowResolver.MaxSuggestions).Select(s => s.Id));
        }
    }

    /// <summary>
    /// The same check over stores shaped to reach the index's shortcuts: thousands of distinct words
    /// (the titles sharing a close word are few, most are ruled out by length and characters), words
    /// and titles over 64 characters (no bit-parallel distance), non-ASCII letters, and a
    /// three-letter alphabet where scores tie all the time and title order decides.
    /// </summary>
    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789éßæı進", 1000, 2)]
    [InlineData("abc", 400, 3)]
    public void Answers_SameAsScoringEveryShow_WideVocabularyAndTies(string alphabet, int vocabularySize, int seed)
    {
        var random = new Random(seed);
        string Word(int length) => new(Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());

        var words = Enumerable.Range(0, vocabularySize)
            .Select(i => Word(i % 50 == 0 ? random.Next(20, 70) : random.Next(1, 11)))
            .ToArray();
        var titles = new List<string>();
        while (titles.Count < 700)
        {
            // Skewed: early words are in many titles, as "no" or "season" are.
            var count = random.Next(1, 9);
            titles.Add(string.Join(' ', Enumerable.Range(0, count).Select(_ => words[(int)(words.Length * Math.Pow(random.NextDouble(), 2))])));
        }

        var shows = titles.DistinctBy(Slug.From).Select((t, i) => new ShowRecord(i + 1, t, Slug.From(t)))
            .OrderBy(s => s.Title, StringComparer.Ordinal).ToList();
        var index = ShowIndex.Build(shows);

        var queries = new List<string>();
        foreach (var show in shows.Where((_, i) => i % 25 == 0))
        {
            for (var n = 1; n <= show.Title.Length; n += 1 + (show.Title.Length / 6))
            {
                queries.Add(show.Title[..n]); // keystrokes
            }

            queries.Add(Typo(show.Title, random));
            queries.Add(Typo(Typo(show.Title, random), random));
            queries.Add(show.Title.Replace(" ", "", StringComparison.Ordinal)); // words run together: the whole-text path
        }

        for (var i = 0; i < 60; i++)
        {
            queries.Add(string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => Typo(words[random.Next(words.Length)], random))));
            queries.Add(Word(random.Next(1, 90)));
        }

        foreach (var query in queries)
        {
            Assert.Equal(BruteForceShowSearch.Suggest(shows, query, ShowTitleSuggester.MaxLimit), index.Suggest(query, ShowTitleSuggester.MaxLimit).Select(s => s.Id));
            Assert.Equal(BruteForceShowSearch.Best(shows, query, ShowResolver.MaxSuggestions), index.BestMatches(new ShowQuery(query), ShowResolver.MaxSuggestions).Select(s => s.Id));
        }
    }

    private static string Typo(string text, Random random)
    {
        if (text.Length < 3)
        {
            return text;
        }

        var at = random.Next(text.Length - 1);
        return random.Next(3) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, "x"),
            _ => string.Concat(text.AsSpan(0, at), text.AsSpan(at + 1, 1), text.AsSpan(at, 1), text.AsSpan(at + 2)),
        };
    }

    private static ShowRecord[] Load(params string[] titles) =>
        titles.Select((t, i) => new ShowRecord(i + 1, t, Slug.From(t))).OrderBy(s => s.Title, StringComparer.Ordinal).ToArray();
}
