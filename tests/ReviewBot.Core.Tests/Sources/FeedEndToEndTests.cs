using Microsoft.AspNetCore.Http;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;
using ReviewBot.TestSupport;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// Feeds through the real importer into a real SQLite file: what a review site's readers would see
/// in the bot, and what the outbox would be asked to announce (via a recording save participant).
/// </summary>
public sealed class FeedEndToEndTests : IAsyncLifetime
{
    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private SourcesTestHost Host(string path) =>
        new(new Dictionary<string, string?> { ["Feeds:Sources:0:Url"] = server.Url(path).ToString() }, realImporter: true);

    private static Task<FeedPollResult> PollAsync(SourcesTestHost host) =>
        host.Get<FeedPoller>().PollAsync(host.FeedsOptions.Sources[0], CancellationToken.None);

    /// <summary>A host on <paramref name="provider"/>: PostgreSQL gets a fresh database in the test run's cluster.</summary>
    private async Task<SourcesTestHost> HostOnAsync(StorageProvider provider, string path)
    {
        var settings = new Dictionary<string, string?> { ["Feeds:Sources:0:Url"] = server.Url(path).ToString() };
        if (provider == StorageProvider.PostgreSql)
        {
            settings["ConnectionStrings:Reviews"] = await (await PostgresCluster.GetAsync()).CreateDatabaseAsync();
        }

        return new SourcesTestHost(settings, realImporter: true);
    }

    /// <summary>The sample review retitled as another show, under its own guid and link.</summary>
    private static RssItem OtherShowItem() =>
        new(FeedFixtures.SampleTitle.Replace("Metallic Rouge", "Frieren", StringComparison.Ordinal), "https://reviews.example/frieren/", "https://reviews.example/?p=2",
            FeedFixtures.SampleReviewHtml().Replace("Metallic Rouge", "Frieren", StringComparison.Ordinal));

    /// <summary>
    /// Polls twice, an hour apart: the bad item is refused and remembered on the first, so the second
    /// finds the feed unchanged. A feed a bad item stalls counts an error and refetches every time.
    /// </summary>
    private static async Task AssertTheFeedGoesOnAsync(SourcesTestHost host)
    {
        var first = await PollAsync(host);
        host.Time.Advance(TimeSpan.FromHours(1));
        var second = await PollAsync(host);

        Assert.Equal((FeedPollStatus.Fetched, 1, 1, 0), (first.Status, first.Imported, first.Rejected, first.Errors));
        Assert.Equal(FeedPollStatus.NotModified, second.Status);

        Assert.True((await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None)).FirstPollDone);
        Assert.Contains(await host.Get<ReviewStore>().GetLatestAsync(50, CancellationToken.None), r => r.Show.Slug == "frieren");
    }

    private static bool IsWellFormed(string text)
    {
        try
        {
            _ = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetByteCount(text);
            return true;
        }
        catch (System.Text.EncoderFallbackException)
        {
            return false;
        }
    }

    private static async Task<StoredReview> StoredAsync(SourcesTestHost host, string showSlug)
    {
        var latest = await host.Get<ReviewStore>().GetLatestAsync(50, CancellationToken.None);
        var show = Assert.Single(latest, r => r.Show.Slug == showSlug).Show;
        return (await host.Get<ReviewStore>().GetForShowAsync(show.Id, 1, CancellationToken.None))!;
    }

    private static void AssertIsTheSample(StoredReview review)
    {
        Assert.Equal("Metallic Rouge", review.Show.Title);
        Assert.Equal(1, review.Season);
        Assert.Equal(13, review.Episodes.Count);
        Assert.Equal(new EpisodeEntry(9, "The Ones Who Visited", new Score(3, 5)), review.Episodes.Single(e => e.Number == 9));
        Assert.Equal(new Score(6, 10), review.Verdict);
        Assert.Equal(new Uri(FeedFixtures.SampleLink), review.SourceUrl);
        Assert.DoesNotContain("tracking", review.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReviewForgottenThenListedAgain_IsNeitherStoredTwiceNorAnnouncedAgain()
    {
        var poll = 0;
        var listsTheReview = false;
        server.MapFeed(
            "/feed/",
            () => listsTheReview ? FeedFixtures.Rss(FeedFixtures.SampleItem(), FeedFixtures.NewsItem()) : FeedFixtures.Rss(FeedFixtures.NewsItem()),
            () => $"\"{++poll}\"");
        using var host = Host("/feed/");
        await PollAsync(host); // the first poll, which announces nothing
        listsTheReview = true;
        Assert.Equal(1, (await PollAsync(host)).Imported); // new since: announced

        listsTheReview = false;
        host.Time.Advance(FeedPoller.ForgetItemsAfter + TimeSpan.FromDays(1));
        await PollAsync(host);
        Assert.Equal(0, await host.Database.ScalarAsync($"SELECT COUNT(*) FROM feed_item WHERE item_key = '{FeedFixtures.SampleGuid}'"));

        listsTheReview = true;
        var again = await PollAsync(host);

        Assert.Equal(1, again.Imported); // read again, as the feed's item; the importer finds it unchanged
        Assert.Equal(1, await host.CountReviewsAsync());
        Assert.Single(host.Saves.Saved, s => s.Created && s.Announce);
        Assert.Equal(1, await host.Database.ScalarAsync($"SELECT COUNT(*) FROM feed_item WHERE item_key = '{FeedFixtures.SampleGuid}'"));
    }

    [Fact]
    public async Task Poll_RssWithSampleInContentEncoded_StoresTheRealReviewWithoutAnnouncing()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"v1\"");
        using var host = Host("/feed/");

        var result = await PollAsync(host);

        Assert.Equal(1, result.Imported);
        AssertIsTheSample(await StoredAsync(host, "metallic-rouge"));
        var saved = Assert.Single(host.Saves.Saved);
        Assert.True(saved.Created);
        Assert.False(saved.Announce); // the first poll of a new feed is back catalogue
        Assert.Equal(ReviewOrigin.Feed, saved.Origin);
    }

    [Fact]
    public async Task Poll_AtomWithSampleAsHtmlContent_StoresTheRealReview()
    {
        server.MapFeed(
            "/atom.xml",
            () => FeedFixtures.Atom("tag:reviews.example,2024:1001", FeedFixtures.SampleTitle, FeedFixtures.SampleLink, FeedFixtures.SampleReviewHtml()),
            () => "\"a1\"",
            "application/atom+xml");
        using var host = Host("/atom.xml");

        var result = await PollAsync(host);

        Assert.Equal(1, result.Imported);
        AssertIsTheSample(await StoredAsync(host, "metallic-rouge"));
    }

    [Theory]
    [InlineData("reviews/metallic-rouge", "/feed/reviews/metallic-rouge")]
    [InlineData("/reviews/metallic-rouge", "/reviews/metallic-rouge")]
    public async Task Poll_RelativeItemLinkWithoutXmlBase_IsStoredResolvedAgainstTheFeedUrl(string link, string expectedPath)
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, link, FeedFixtures.SampleGuid, FeedFixtures.SampleReviewHtml())), () => "\"v1\"");
        using var host = Host("/feed/");

        Assert.Equal(1, (await PollAsync(host)).Imported);

        var review = await StoredAsync(host, "metallic-rouge");
        Assert.Equal(server.Url(expectedPath), review.SourceUrl);
        Assert.Equal(server.Url(expectedPath).AbsoluteUri, Assert.Single(await host.Get<ReviewStore>().GetLatestAsync(50, CancellationToken.None)).SourceUrl?.AbsoluteUri);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://reviews.example/metallic-rouge")]
    public async Task Poll_ItemLinkThatIsNoWebAddress_IsStoredAsNoLink(string link)
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, link, FeedFixtures.SampleGuid, FeedFixtures.SampleReviewHtml())), () => "\"v1\"");
        using var host = Host("/feed/");

        Assert.Equal(1, (await PollAsync(host)).Imported);

        Assert.Null((await StoredAsync(host, "metallic-rouge")).SourceUrl);
        Assert.Equal(0, await host.Database.ScalarAsync("SELECT COUNT(*) FROM reviews WHERE source_url IS NOT NULL"));
    }

    /// <summary>The reason a refused item is remembered by shows the invisible characters of the item's title it quotes.</summary>
    [Fact]
    public async Task Poll_RefusedItemWithAnInvisibleCharacterInItsTitle_IsRememberedWithTheCharacterShown()
    {
        var bad = FeedFixtures.SampleReviewHtml().Replace("Verdict - 6/10", "Verdict - 11/10", StringComparison.Ordinal);
        var title = FeedFixtures.SampleTitle.Replace("Metallic Rouge", "Metallic\u2060 Rouge \u202E", StringComparison.Ordinal);
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(title, FeedFixtures.SampleLink, FeedFixtures.SampleGuid, bad)), () => "\"v1\"");
        using var host = Host("/feed/");

        await PollAsync(host);

        var items = await host.Get<FeedStateStore>().GetItemsAsync(host.FeedsOptions.Sources[0].Url, [FeedFixtures.SampleGuid], CancellationToken.None);
        var reason = Assert.Single(items.Values).Reason!;
        Assert.Contains("Metallic<U+2060> Rouge <U+202E>", reason, StringComparison.Ordinal);
        Assert.Contains("the verdict is 11/10", reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Poll_ItemRefusedWithAnEmojiWhereItsQuotedValueIsCut_IsRememberedAndTheFeedGoesOn(StorageProvider provider)
    {
        // The refusal quotes the verdict cut to 40 characters: right between the emoji's two halves.
        var bad = FeedFixtures.SampleReviewHtml().Replace("Verdict - 6/10", "Verdict - " + new string('A', 39) + "\U0001F600B", StringComparison.Ordinal);
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, FeedFixtures.SampleLink, FeedFixtures.SampleGuid, bad), OtherShowItem()), () => "\"v1\"");
        using var host = await HostOnAsync(provider, "/feed/");

        await AssertTheFeedGoesOnAsync(host);

        var items = await host.Get<FeedStateStore>().GetItemsAsync(host.FeedsOptions.Sources[0].Url, [FeedFixtures.SampleGuid], CancellationToken.None);
        var refused = Assert.Single(items.Values);
        Assert.Equal(FeedItemOutcome.Rejected, refused.Outcome);
        Assert.Contains("AAAA", refused.Reason, StringComparison.Ordinal);
        Assert.True(IsWellFormed(refused.Reason!), refused.Reason);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite, false)]
    [InlineData(StorageProvider.PostgreSql, false)]
    [InlineData(StorageProvider.Sqlite, true)]
    [InlineData(StorageProvider.PostgreSql, true)]
    public async Task Poll_ControlCharactersSpelledInTheItemsHtml_AreDroppedAndTheReviewStored(StorageProvider provider, bool nestedTooDeep)
    {
        // Nesting no article has sends the HTML through the one-pass flattener instead of the tree builder.
        var html = (nestedTooDeep ? string.Concat(Enumerable.Repeat("<span>", 300)) : "")
            + FeedFixtures.SampleReviewHtml().Replace("Crimson", "Crim&#0;son&#x1B;&#7;", StringComparison.Ordinal).Replace("Bones", "Bo&#x7F;nes", StringComparison.Ordinal);
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, FeedFixtures.SampleLink, FeedFixtures.SampleGuid, html), OtherShowItem()), () => "\"v1\"");
        using var host = await HostOnAsync(provider, "/feed/");

        var result = await PollAsync(host);

        Assert.Equal((FeedPollStatus.Fetched, 2, 0), (result.Status, result.Imported, result.Errors));
        var review = await StoredAsync(host, "metallic-rouge");
        // The HTML standard reads &#0; as U+FFFD, which is text; the flattener decodes it as U+0000.
        Assert.Equal("Crimson Is The Sound of Dawn", review.Episodes[0].Title.Replace("\uFFFD", "", StringComparison.Ordinal));
        Assert.Contains("Bones Studios", review.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(review.Body + review.Episodes[0].Title, c => char.IsControl(c) && c != '\n');
        Assert.True((await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None)).FirstPollDone);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Poll_ItemsWithGuidsLongerThanAnIndexEntry_AreStoredAndRemembered_AndTheFeedGoesOn(StorageProvider provider)
    {
        // A guid is kept in indexed columns (the item's row, the review's source key), and PostgreSQL
        // refuses an index entry over about 2.7 KB. 6,000 characters that do not compress (a tracking
        // link, or a feed that means harm): one such item must cost no more than itself.
        var random = new Random(20261207);
        string LongGuid() => "https://reviews.example/?p=" + Convert.ToBase64String(Enumerable.Range(0, 4500).Select(_ => (byte)random.Next(256)).ToArray());
        var review = OtherShowItem() with { Guid = LongGuid() };
        var news = FeedFixtures.NewsItem() with { Guid = LongGuid() };
        server.MapFeed("/feed/", () => FeedFixtures.Rss(review, news, FeedFixtures.SampleItem()), () => "\"v1\"");
        using var host = await HostOnAsync(provider, "/feed/");

        var first = await PollAsync(host);
        host.Time.Advance(TimeSpan.FromHours(1));
        var second = await PollAsync(host);

        Assert.Equal((FeedPollStatus.Fetched, 2, 1, 0), (first.Status, first.Imported, first.NotReviews, first.Errors));
        Assert.Equal(FeedPollStatus.NotModified, second.Status);
        Assert.Equal(2, (await host.Get<ReviewStore>().GetLatestAsync(50, CancellationToken.None)).Count);
        Assert.True((await host.Get<FeedStateStore>().GetAsync(host.FeedsOptions.Sources[0].Url, CancellationToken.None)).FirstPollDone);
    }

    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Poll_ItemTitleWithAControlCharacter_IsRefusedNamingItAndTheFeedGoesOn(StorageProvider provider)
    {
        // XML 1.0 allows the C1 controls in text; U+009B is the one-character form of ESC [.
        var title = FeedFixtures.SampleTitle.Replace("Metallic", "Metallic\u009B2J", StringComparison.Ordinal);
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(title, FeedFixtures.SampleLink, FeedFixtures.SampleGuid, FeedFixtures.SampleReviewHtml()), OtherShowItem()), () => "\"v1\"");
        using var host = await HostOnAsync(provider, "/feed/");

        await AssertTheFeedGoesOnAsync(host);

        var items = await host.Get<FeedStateStore>().GetItemsAsync(host.FeedsOptions.Sources[0].Url, [FeedFixtures.SampleGuid], CancellationToken.None);
        Assert.Contains("control character U+009B", Assert.Single(items.Values).Reason, StringComparison.Ordinal);
    }

    /// <summary>
    /// XML 1.0 has no C0 controls but tab and line breaks, written or as references, yet real feeds
    /// carry them (a backspace pasted into a title, a form feed from a word processor). Read strictly,
    /// one such item made the whole feed not well-formed, every review in it unread at every poll;
    /// it is that item's fault, and refused as a control character in any document is.
    /// </summary>
    [Theory]
    [InlineData("\u0008", "control character U+0008")]
    [InlineData("&#8;", "control character U+0008")]
    [InlineData("&#x1B;[2J", "control character U+001B")]
    [InlineData("\u000C", "control character U+000C")]
    [InlineData("&#0;", "control character U+0000")]
    [InlineData("&#xD800;", "surrogate")]
    public async Task Poll_ItemTitleWithACharacterXmlDoesNotAllow_IsRefusedAndTheFeedGoesOn(string control, string reason)
    {
        const string Marker = "CONTROL-HERE";
        var title = FeedFixtures.SampleTitle.Replace("Metallic", "Metallic" + Marker, StringComparison.Ordinal);
        var feed = FeedFixtures.Rss(new RssItem(title, FeedFixtures.SampleLink, FeedFixtures.SampleGuid, FeedFixtures.SampleReviewHtml()), OtherShowItem())
            .Replace(Marker, control, StringComparison.Ordinal);
        server.MapFeed("/feed/", () => feed, () => "\"v1\"");
        using var host = Host("/feed/");

        await AssertTheFeedGoesOnAsync(host);

        var items = await host.Get<FeedStateStore>().GetItemsAsync(host.FeedsOptions.Sources[0].Url, [FeedFixtures.SampleGuid], CancellationToken.None);
        var refused = Assert.Single(items.Values);
        Assert.Equal(FeedItemOutcome.Rejected, refused.Outcome);
        Assert.Contains(reason, refused.Reason, StringComparison.Ordinal);

        // Logged as refusals show it: a raw ESC in a log read on a terminal is a command to the terminal.
        Assert.DoesNotContain(host.Logs.GetSnapshot(), log => log.Message.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t') || char.IsSurrogate(c)));
    }

    /// <summary>
    /// A guid is stored as the item's key, and PostgreSQL's text has no NUL: kept as it came, its row's
    /// save failed the poll at every poll. It is stored with the character as its code point.
    /// </summary>
    [Theory]
    [InlineData(StorageProvider.Sqlite)]
    [InlineData(StorageProvider.PostgreSql)]
    public async Task Poll_GuidWithANulReference_IsStoredWithTheCharacterShown_AndTheFeedGoesOn(StorageProvider provider)
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem() with { Guid = "post-1&#0;" }, OtherShowItem()), () => "\"v1\"");
        using var host = await HostOnAsync(provider, "/feed/");

        var first = await PollAsync(host);
        host.Time.Advance(TimeSpan.FromHours(1));
        var second = await PollAsync(host);

        Assert.Equal((FeedPollStatus.Fetched, 2, 0), (first.Status, first.Imported, first.Errors));
        Assert.Equal(FeedPollStatus.NotModified, second.Status);
        var url = host.FeedsOptions.Sources[0].Url;
        Assert.Single(await host.Get<FeedStateStore>().GetItemsAsync(url, ["post-1<U+0000>"], CancellationToken.None));
    }

    /// <summary>
    /// A feed whose declaration names no encoding, in the code page its server names in Content-Type
    /// (Apache's AddDefaultCharset, a site in windows-1252). Read as UTF-8, XML's default, the first
    /// byte that is not UTF-8 made the whole feed "not well-formed", every review in it unread. Bytes
    /// that are UTF-8 are still read as UTF-8, whatever the header says (a header that lies the other way).
    /// </summary>
    [Theory]
    [InlineData("application/rss+xml; charset=windows-1252", "windows-1252")]
    [InlineData("text/xml; charset=\"ISO-8859-15\"", "iso-8859-15")]
    [InlineData("application/rss+xml; charset=iso-8859-1", "utf-8")]
    public async Task Poll_FeedInTheCharsetItsServerNames_WithoutADeclaredEncoding_IsReadInIt(string contentType, string bytesIn)
    {
        var encoding = System.Text.CodePagesEncodingProvider.Instance.GetEncoding(bytesIn) ?? System.Text.Encoding.GetEncoding(bytesIn);
        var item = FeedFixtures.SampleItem();
        var body = encoding.GetBytes(FeedFixtures.Rss(item with { Html = item.Html.Replace("Bones Studios", "Bones Studios café €", StringComparison.Ordinal) })
            .Replace(" encoding=\"UTF-8\"", "", StringComparison.Ordinal));
        server.Map("/feed/", async context =>
        {
            context.Response.Headers.ContentType = contentType;
            await context.Response.Body.WriteAsync(body);
        });
        using var host = Host("/feed/");

        var result = await PollAsync(host);

        Assert.Equal((FeedPollStatus.Fetched, 1, null), (result.Status, result.Imported, result.Error));
        var stored = Assert.Single(await host.Get<ReviewStore>().GetLatestAsync(50, CancellationToken.None));
        Assert.Contains("Bones Studios café €", stored.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Poll_NewItemAfterFirstPoll_IsAnnounced_AndKnownItemsAreNot()
    {
        var items = new List<RssItem> { FeedFixtures.SampleItem() };
        server.MapFeed("/feed/", () => FeedFixtures.Rss([.. items]), () => $"\"v{items.Count}\"");
        using var host = Host("/feed/");
        await PollAsync(host);

        items.Insert(0, FeedFixtures.SampleItem() with
        {
            Title = "Blue Box Season 1 Review – Sweet and slow",
            Guid = "https://reviews.example/?p=2002",
            Link = "https://reviews.example/blue-box-season-1-review/",
        });
        var second = await PollAsync(host);

        Assert.Equal(1, second.Imported);
        Assert.Equal(1, second.Unchanged);
        Assert.Equal(2, await host.CountReviewsAsync());
        var announced = Assert.Single(host.Saves.Announced);
        Assert.Equal("Blue Box", announced.ShowTitle);
        Assert.True(announced.Created);
        Assert.Equal(2, host.Saves.Saved.Count);
    }

    [Fact]
    public async Task Poll_ItemEditedLater_UpdatesItsReviewInPlaceWithoutAnnouncing()
    {
        var html = FeedFixtures.SampleReviewHtml();
        var version = 1;
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, FeedFixtures.SampleLink, FeedFixtures.SampleGuid, html)), () => $"\"v{version}\"");
        using var host = Host("/feed/");
        await PollAsync(host);
        var before = await StoredAsync(host, "metallic-rouge");

        // The site corrects episode 9's score and raises the verdict.
        html = html
            .Replace("The Ones Who Visited -| Review Score &#8211; 3/5", "The Ones Who Visited -| Review Score &#8211; 4/5", StringComparison.Ordinal)
            .Replace("Verdict - 6/10", "Verdict - 7/10", StringComparison.Ordinal);
        version++;
        var result = await PollAsync(host);

        Assert.Equal(1, result.Imported);
        var after = await StoredAsync(host, "metallic-rouge");
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(new Score(4, 5), after.Episodes.Single(e => e.Number == 9).Score);
        Assert.Equal(new Score(7, 10), after.Verdict);
        Assert.Equal(1, await host.CountReviewsAsync());
        var update = host.Saves.Saved[^1];
        Assert.False(update.Created);
        Assert.True(update.VerdictChanged);
        Assert.True(update.EpisodeScoresChanged);
        Assert.Empty(host.Saves.Announced);
    }

    /// <summary>
    /// An item remembered by a build that read reviews another way (its hash, without the importer's
    /// version of reading them, as builds before that wrote it) is read again on the feed's next full
    /// read, and its review updated in place, not announced again.
    /// </summary>
    [Fact]
    public async Task Poll_ItemRememberedByABuildThatReadReviewsAnotherWay_IsReadAgainWithoutAnnouncing()
    {
        var version = 1;
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => $"\"v{version}\"");
        using var host = Host("/feed/");
        await PollAsync(host);
        var before = await StoredAsync(host, "metallic-rouge");
        var url = host.FeedsOptions.Sources[0].Url;
        var item = Assert.Single((await host.Get<FeedStateStore>().GetItemsAsync(url, [FeedFixtures.SampleGuid], CancellationToken.None)).Values);
        var converted = host.Get<FeedItemConverter>().Convert(url, new FeedItem(FeedFixtures.SampleGuid, FeedFixtures.SampleTitle, new Uri(FeedFixtures.SampleLink), FeedFixtures.SampleReviewHtml(), null));
        var earlierBuildsHash = FeedItemConverter.HashOf($"{converted.Document.Text}\n{converted.Document.SourceUrl!.AbsoluteUri}");
        await host.Database.ScalarAsync($"UPDATE feed_item SET content_hash = '{earlierBuildsHash}' WHERE item_key = '{item.ItemKey}'; SELECT 1");

        version++;
        var result = await PollAsync(host);

        // Handed to the importer again (which finds the review this build stored unchanged): the same review, nothing announced.
        Assert.Equal(1, result.Imported);
        Assert.Equal(0, result.Unchanged);
        Assert.Equal(before.Id, (await StoredAsync(host, "metallic-rouge")).Id);
        Assert.DoesNotContain(host.Saves.Saved.Skip(1), save => save.Created);
        Assert.Empty(host.Saves.Announced);
    }

    /// <summary>
    /// A feed that has not changed since an earlier build read it in full answers that build's
    /// validators with 304 Not Modified: they are not sent, so the feed is read in full once and its
    /// items read again as this build reads reviews; then this build's validators are.
    /// </summary>
    [Fact]
    public async Task Poll_FeedUnchangedSinceAnEarlierBuildReadIt_IsReadInFullOnce()
    {
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.SampleItem()), () => "\"v1\"");
        var url = server.Url("/feed/").ToString();
        using var database = new SourcesTestDatabase();
        Storage.EarlierSchema.Apply(database.ConnectionString, "0022");
        await database.ScalarAsync(
            $"""
            INSERT INTO feed_state (url, etag, last_success_utc, first_poll_done) VALUES ('{url}', '"v1"', '2026-11-01T00:00:00.0000000Z', 1);
            INSERT INTO feed_item (feed_url, item_key, content_hash, outcome, first_seen_utc, updated_utc)
            VALUES ('{url}', '{FeedFixtures.SampleGuid}', 'the hash of an earlier build', 'rejected', '2026-11-01T00:00:00.0000000Z', '2026-11-01T00:00:00.0000000Z');
            SELECT 1
            """);
        using var host = new SourcesTestHost(new Dictionary<string, string?> { ["Feeds:Sources:0:Url"] = url }, database: database, realImporter: true);

        var first = await PollAsync(host);
        host.Time.Advance(TimeSpan.FromHours(1));
        var second = await PollAsync(host);

        Assert.Equal((FeedPollStatus.Fetched, 1, 0), (first.Status, first.Imported, first.Errors));
        Assert.Equal(FeedPollStatus.NotModified, second.Status);
        Assert.Equal(1, await host.CountReviewsAsync());
    }

    [Fact]
    public async Task Poll_ItemWhoseLinkAloneChanged_UpdatesTheStoredLinkWithoutAnnouncing()
    {
        // The site moves to https (or fixes a permalink); the article's text stays as it was.
        var link = "http://reviews.example/metallic-rouge-season-1-review/";
        var version = 1;
        server.MapFeed("/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, link, FeedFixtures.SampleGuid, FeedFixtures.SampleReviewHtml())), () => $"\"v{version}\"");
        using var host = Host("/feed/");
        await PollAsync(host);

        link = FeedFixtures.SampleLink;
        version++;
        var result = await PollAsync(host);

        Assert.Equal(1, result.Imported);
        Assert.Equal(new Uri(FeedFixtures.SampleLink), (await StoredAsync(host, "metallic-rouge")).SourceUrl);
        Assert.Equal(1, await host.CountReviewsAsync());
        Assert.Empty(host.Saves.Announced);
    }

    [Fact]
    public async Task Poll_RelativeItemLinkOfARedirectedFeed_IsResolvedAgainstWhereTheFeedWasServedFrom()
    {
        // The base of a document is where it was retrieved from, after redirects (RFC 3986, 5.1.3):
        // a site that moved its feed moved its articles beside it.
        server.Map("/feed/", context =>
        {
            context.Response.StatusCode = StatusCodes.Status301MovedPermanently;
            context.Response.Headers.Location = "/blog/feed/";
            return Task.CompletedTask;
        });
        server.MapFeed("/blog/feed/", () => FeedFixtures.Rss(new RssItem(FeedFixtures.SampleTitle, "metallic-rouge/", FeedFixtures.SampleGuid, FeedFixtures.SampleReviewHtml())), () => "\"v1\"");
        using var host = Host("/feed/");

        Assert.Equal(1, (await PollAsync(host)).Imported);

        Assert.Equal(server.Url("/blog/feed/metallic-rouge/"), (await StoredAsync(host, "metallic-rouge")).SourceUrl);
    }

    [Fact]
    public async Task Poll_NonReviewItem_StoresNothingAndIsRememberedNotReparsed()
    {
        var version = 1;
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.NewsItem()), () => $"\"v{version}\"");
        using var host = Host("/feed/");

        var first = await PollAsync(host);
        version++; // the feed changed around the item (say, a comment count); the item did not
        var second = await PollAsync(host);

        Assert.Equal(1, first.NotReviews);
        Assert.Equal(1, second.Unchanged);
        Assert.Equal(0, await host.CountReviewsAsync());
        Assert.Empty(host.Saves.Saved);
        var items = await host.Get<FeedStateStore>().GetItemsAsync(host.FeedsOptions.Sources[0].Url, [FeedFixtures.NewsItem().Guid!], CancellationToken.None);
        Assert.Equal(FeedItemOutcome.NotAReview, items[FeedFixtures.NewsItem().Guid!].Outcome);
        Assert.Single(host.Logs.GetSnapshot(), l => l.Category == typeof(FeedPoller).FullName && l.Message.Contains("is not a review", StringComparison.Ordinal));
    }
}
