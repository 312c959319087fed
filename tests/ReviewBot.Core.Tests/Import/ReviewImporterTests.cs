using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Import;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Import;

public abstract class ReviewImporterTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task ImportAsync_Sample_StoresShowReviewEpisodesAndSummary()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var result = await db.ImportAsync(TestDatabase.SampleText);

        Assert.Equal(ImportStatus.Created, result.Status);
        Assert.Equal("metallic-rouge", result.ShowSlug);
        var review = (await db.Get<ReviewStore>().GetForShowAsync(1, null, CancellationToken.None))!;
        Assert.Equal(13, review.Episodes.Count);
        Assert.Equal("Marginal City", review.Episodes[2].Title);
        Assert.InRange(review.Summary.Length, 1, 600);
        Assert.Equal(db.Time.GetUtcNow(), review.CreatedAt);
    }

    [Fact]
    public async Task ImportAsync_SameTextTwice_SecondIsUnchanged()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var first = await db.ImportAsync(TestDatabase.SampleText);

        var second = await db.ImportAsync(TestDatabase.SampleText);

        Assert.Equal(ImportStatus.Unchanged, second.Status);
        Assert.Equal(first.ReviewId, second.ReviewId);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
        Assert.Equal(13, await db.ScalarAsync("SELECT COUNT(*) FROM episodes"));
    }

    [Fact]
    public async Task ImportAsync_EditedFile_UpdatesInPlaceAndReplacesEpisodes()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var first = await db.ImportAsync(TestDatabase.SampleText);
        var edited = TestDatabase.SampleText
            .Replace("Episode 13: Code Eve -| Review Score – 2.5/5\n", "", StringComparison.Ordinal)
            .Replace("Verdict - 6/10", "Verdict - 7/10", StringComparison.Ordinal);
        db.Time.Advance(TimeSpan.FromHours(1));

        var second = await db.ImportAsync(edited);

        Assert.Equal(ImportStatus.Updated, second.Status);
        Assert.Equal(first.ReviewId, second.ReviewId);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
        Assert.Equal(12, await db.ScalarAsync("SELECT COUNT(*) FROM episodes"));
        Assert.Equal(7, await db.ScalarAsync("SELECT verdict_score FROM reviews"));
    }

    /// <summary>
    /// An earlier build left "Verdict: 8 out of 10" in the text and stored the review without a verdict;
    /// the file imported again, unchanged, is read again (the hash names the way it was read) and gets it.
    /// </summary>
    [Fact]
    public async Task ImportAsync_UnchangedFileAnEarlierBuildStoredWithoutItsOutOfVerdict_GetsTheVerdict()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var text = TestDatabase.SampleText.Replace("Verdict - 6/10", "Verdict: 8 out of 10", StringComparison.Ordinal);
        var first = await db.ImportAsync(text);
        var earlierHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes("2\n" + text + "\n")));
        await db.ScalarAsync($"UPDATE reviews SET verdict_score = NULL, verdict_scale = NULL, content_hash = '{earlierHash}' WHERE id = {first.ReviewId}");

        var again = await db.ImportAsync(text);

        Assert.Equal((ImportStatus.Updated, first.ReviewId), (again.Status, again.ReviewId));
        var review = (await db.Get<ReviewStore>().GetForShowAsync(1, null, CancellationToken.None))!;
        Assert.Equal(new Score(8, 10), review.Verdict);
        Assert.DoesNotContain("8 out of 10", review.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_SameShowSeasonFromAnotherSource_UpdatesTheOneReview()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText, sourceKey: "a.txt");

        var second = await db.ImportAsync(TestDatabase.SampleText.Replace("6/10", "5/10", StringComparison.Ordinal), sourceKey: "feed:guid-1");

        Assert.Equal(ImportStatus.Updated, second.Status);
        Assert.Equal(1, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task ImportAsync_Participant_RunsInsideTransactionWithSavedFacts()
    {
        var participant = new RecordingParticipant();
        await using var db = await TestDatabase.CreateAsync(Provider, s => s.AddSingleton<IReviewSaveParticipant>(participant));

        await db.ImportAsync(TestDatabase.SampleText, announce: false);
        await db.ImportAsync(TestDatabase.SampleText);
        await db.ImportAsync(TestDatabase.SampleText.Replace("3.5/5", "4/5", StringComparison.Ordinal));

        Assert.Equal(2, participant.Saved.Count);
        Assert.True(participant.Saved[0] is { Created: true, Announce: false, ShowSlug: "metallic-rouge", Season: 1 });
        Assert.True(participant.Saved[1] is { Created: false, EpisodeScoresChanged: true, VerdictChanged: false, Announce: true });
        Assert.Equal(2, await db.ScalarAsync("SELECT COUNT(*) FROM participant_log"));
    }

    [Fact]
    public async Task ImportAsync_ParticipantThrows_NothingIsWritten()
    {
        await using var db = await TestDatabase.CreateAsync(Provider, s => s.AddSingleton<IReviewSaveParticipant>(new RecordingParticipant { Fail = true }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.ImportAsync(TestDatabase.SampleText));

        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM episodes"));
        Assert.False(await db.TableExistsAsync("participant_log"));
    }

    [Fact]
    public async Task ImportAsync_NotAReview_RejectedWithLine()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var result = await db.ImportAsync("Just some news.\n\nNothing else.", sourceKey: "news.txt");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.True(result.NotAReview);
        Assert.Equal("news.txt:1: " + result.Error, result.ToString());
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task ImportAsync_ManyShowsAtOnce_AllStoredWithoutLockErrors()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var texts = Enumerable.Range(1, 8).Select(i => Answers.AnswerTestData.Review($"Show Number {i}", 1, 3)).ToList();

        var results = await Task.WhenAll(texts.Select((text, i) => Task.Run(() => db.ImportAsync(text, $"s{i}.txt"))));

        Assert.All(results, r => Assert.Equal(ImportStatus.Created, r.Status));
        Assert.Equal(8, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Fact]
    public async Task ImportAsync_MarkdownReview_StoresUrlAuthorAndPublished()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        db.Time.SetUtcNow(new DateTimeOffset(2026, 2, 1, 9, 0, 0, TimeSpan.Zero)); // after the review's date

        var result = await db.ImportAsync(Reviews.MarkdownReviewParserTests.Example, "frieren.md");

        Assert.Equal(ImportStatus.Created, result.Status);
        var review = (await db.Get<ReviewStore>().GetForShowAsync(1, 2, CancellationToken.None))!;
        Assert.Equal(new Uri("https://example.com/reviews/frieren-2"), review.SourceUrl);
        Assert.Equal("Ana Writer", review.Author);
        Assert.Equal(new DateTimeOffset(2026, 1, 20, 0, 0, 0, TimeSpan.Zero), review.Published);
        Assert.Equal(3, review.Episodes.Count);
    }

    [Fact]
    public async Task ImportAsync_MarkdownPublishedInTheFuture_IsRefusedOnItsLine()
    {
        // A slip of the year (2206 for 2026) would keep the review first in /latest for 180 years:
        // the latest reviews are ordered by their publication date.
        await using var db = await TestDatabase.CreateAsync(Provider);
        var text = Reviews.MarkdownReviewParserTests.Example.Replace("published: 2026-01-20", "published: 2206-01-20", StringComparison.Ordinal);

        var result = await db.ImportAsync(text, "frieren.md");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(8, result.Line);
        Assert.Contains("the date \"2206-01-20\" is in the future", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM reviews"));
    }

    [Theory]
    [InlineData("reviews/frieren-2")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public async Task ImportAsync_DocumentLinkThatIsNoWebAddress_IsStoredAsNoLink(string link)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var document = new ReviewDocument("feed:item", "feed item", TestDatabase.SampleText, ReviewOrigin.Feed, SourceUrl: new Uri(link, UriKind.RelativeOrAbsolute));

        var result = await db.Get<IReviewImporter>().ImportAsync(document, CancellationToken.None);

        Assert.Equal(ImportStatus.Created, result.Status);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM reviews WHERE source_url IS NOT NULL"));
    }

    [Theory]
    [InlineData("reviews/metallic-rouge")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url at all")]
    public async Task ReadingAReview_WhoseLinkAnEarlierBuildStoredUnchecked_GivesNoLinkInsteadOfFailing(string stored)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var result = await db.ImportAsync(TestDatabase.SampleText);
        await using (var connection = await db.OpenAsync())
        {
            await connection.ExecuteAsync("UPDATE reviews SET source_url = @stored", new { stored });
        }

        var reviews = db.Get<ReviewStore>();
        var latest = Assert.Single(await reviews.GetLatestAsync(50, CancellationToken.None));
        var review = await reviews.GetForShowAsync(latest.Show.Id, 1, CancellationToken.None);

        Assert.Equal(result.ReviewId, latest.Id);
        Assert.Null(latest.SourceUrl);
        Assert.Null(review!.SourceUrl);
    }

    [Theory]
    [InlineData("Metal\0lic Rouge", 1, "control character U+0000 at column 6")]
    [InlineData("\u001B[31mMetallic Rouge", 1, "control character U+001B at column 1")]
    [InlineData("Metallic\u007F Rouge", 1, "control character U+007F at column 9")]
    [InlineData("Metallic \u009B2J Rouge", 1, "control character U+009B at column 10")]
    public async Task ImportAsync_ShowTitleWithACharacterNoTextHas_IsRefusedNamingIt_AndNothingIsWritten(string show, int line, string error)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);

        var result = await db.ImportAsync(show + TestDatabase.SampleText["Metallic Rouge".Length..]);

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(line, result.Line);
        Assert.StartsWith(error, result.Error, StringComparison.Ordinal);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM shows"));
    }

    /// <summary>
    /// A refusal quoting what it was given (here the other show's title) shows an invisible character
    /// in it by its code point: written as it came, the title would read as the stored show's and the
    /// refusal as nonsense. A direction override would reorder the rest of the line.
    /// </summary>
    [Theory]
    [InlineData("Metallic Rou\u200Bge!", "Metallic Rou<U+200B>ge!")]
    [InlineData("Metallic \u202ERouge!", "Metallic <U+202E>Rouge!")]
    public async Task ImportAsync_RefusalQuotingAnInvisibleCharacter_ShowsItsCodePoint(string other, string shown)
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await db.ImportAsync(TestDatabase.SampleText, "review.txt");

        var result = await db.ImportAsync(TestDatabase.SampleText.Replace("Metallic Rouge Season 1 Review", other + " Season 1 Review", StringComparison.Ordinal), "review.txt");

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Contains($"now names {shown};", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(result.ToString(), c => c is '\u200B' or '\u202E');
    }

    [Fact]
    public async Task ImportAsync_ControlCharacterDeepInTheBody_IsRefusedOnItsLine()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var lines = TestDatabase.SampleText.Split('\n');
        lines[20] += "\0";

        var result = await db.ImportAsync(string.Join("\r\n", lines));

        Assert.Equal(ImportStatus.Rejected, result.Status);
        Assert.Equal(21, result.Line);
        Assert.Contains("U+0000", result.Error, StringComparison.Ordinal);
    }

    private sealed class RecordingParticipant : IReviewSaveParticipant
    {
        public List<SavedReview> Saved { get; } = [];

        public bool Fail { get; init; }

        public async Task OnSavedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS participant_log (review_id BIGINT); INSERT INTO participant_log VALUES (@id);",
                new { id = saved.ReviewId }, transaction, cancellationToken: cancellationToken));
            if (Fail)
            {
                throw new InvalidOperationException("participant failed");
            }

            Saved.Add(saved);
        }
    }
}

public sealed class ReviewImporterTestsOnSqlite : ReviewImporterTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ReviewImporterTestsOnPostgreSql : ReviewImporterTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
