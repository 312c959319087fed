using Microsoft.Extensions.Logging.Abstractions;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;
using ReviewBot.Core.Tests.Charts;
using ReviewBot.Core.Tests.StoredAnswers;

namespace ReviewBot.Core.Tests.Answers;

/// <summary>
/// A version read brings along the answer stored for exactly that version when the caller names one,
/// in the same statement: a first ask whose answer is stored reads the database once.
/// </summary>
public abstract class ReviewVersionReaderTests
{
    private const string Format = "renderers 1";

    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Read_WantingAStoredAnswer_BringsItWithTheVersion()
    {
        await using var db = await StoredChartTests.CreateAsync(Provider, new CountingChartDrawer());
        var (showId, reviewId, hash) = await ImportAsync(db, "Frieren");
        var review = Message("review");
        var episode = Message("episode 2");
        Assert.True(await db.Get<StoredAnswerStore>().ReplaceAsync(reviewId, hash, Format, [new(0, 0, 0, true, review), new(2, 0, 0, false, episode)], CancellationToken.None));
        var reader = db.Get<ReviewVersionReader>();
        var alone = (await reader.ReadAsync(showId, null, null, CancellationToken.None)).Version;

        var (reviewVersion, reviewRead) = await reader.ReadAsync(showId, null, new StoredAnswerWanted(0, Format), CancellationToken.None);
        var (episodeVersion, episodeRead) = await reader.ReadAsync(showId, 1, new StoredAnswerWanted(2, Format), CancellationToken.None);
        using (reviewRead)
        using (episodeRead)
        {
            Assert.Equal(new ReviewVersion(reviewId, alone!.UpdatedAt, hash, 0, 0), alone);
            Assert.Equal(alone, reviewVersion);
            Assert.Equal(alone, episodeVersion);
            Assert.Equal(review, reviewRead!.Message.Memory.ToArray());
            Assert.Equal(CountingChartDrawer.ImageOf(StoredChartTests.Scores(3, 4)), reviewRead.Chart!.Memory.ToArray());
            Assert.Equal(episode, episodeRead!.Message.Memory.ToArray());
            Assert.Null(episodeRead.Chart);
        }
    }

    [Fact]
    public async Task Read_NoAnswerStoredForThatVersion_BringsTheVersionAlone()
    {
        await using var db = await StoredChartTests.CreateAsync(Provider, new CountingChartDrawer());
        var (showId, reviewId, hash) = await ImportAsync(db, "Frieren");
        Assert.True(await db.Get<StoredAnswerStore>().ReplaceAsync(reviewId, hash, Format, [new(0, 0, 0, false, Message("review")), new(1, 0, 0, false, Message("episode 1"))], CancellationToken.None));
        var reader = db.Get<ReviewVersionReader>();

        var otherFormat = await reader.ReadAsync(showId, null, new StoredAnswerWanted(0, "renderers 2"), CancellationToken.None);
        var otherEpisode = await reader.ReadAsync(showId, null, new StoredAnswerWanted(2, Format), CancellationToken.None);
        var otherSeason = await reader.ReadAsync(showId, 2, new StoredAnswerWanted(0, Format), CancellationToken.None);
        var noneWanted = await reader.ReadAsync(showId, null, null, CancellationToken.None);
        await ReviewVersionReuseTests.ExecuteOnOwnConnectionAsync(db, $"INSERT INTO community_ratings (review_id, user_id, rating, rated_at) VALUES ({reviewId}, 42, 9, 'now')");
        var rated = await reader.ReadAsync(showId, null, new StoredAnswerWanted(0, Format), CancellationToken.None);
        using var episodeAfterTheRating = (await reader.ReadAsync(showId, null, new StoredAnswerWanted(1, Format), CancellationToken.None)).Stored;
        await ReviewVersionReuseTests.ExecuteOnOwnConnectionAsync(db, $"UPDATE reviews SET content_hash = 'edited' WHERE id = {reviewId}");
        var edited = await reader.ReadAsync(showId, null, new StoredAnswerWanted(1, Format), CancellationToken.None);

        Assert.Equal((hash, (StoredAnswerRead?)null), (otherFormat.Version!.ContentHash, otherFormat.Stored));
        Assert.Equal((hash, (StoredAnswerRead?)null), (otherEpisode.Version!.ContentHash, otherEpisode.Stored));
        Assert.Equal((null, null), otherSeason);
        Assert.Equal((hash, (StoredAnswerRead?)null), (noneWanted.Version!.ContentHash, noneWanted.Stored));
        // The /review answer shows the community score it was stored with; an /episode answer shows none.
        Assert.Equal((1L, 9L, (StoredAnswerRead?)null), (rated.Version!.Ratings, rated.Version.RatingSum, rated.Stored));
        Assert.Equal(Message("episode 1"), episodeAfterTheRating!.Message.Memory.ToArray());
        Assert.Equal(("edited", (StoredAnswerRead?)null), (edited.Version!.ContentHash, edited.Stored));
    }

    [Fact]
    public async Task Read_AnswerWhoseChartIsNotStored_BringsTheVersionAlone()
    {
        await using var db = await StoredChartTests.CreateAsync(Provider, new CountingChartDrawer { Fail = true });
        var (showId, reviewId, hash) = await ImportAsync(db, "Frieren");
        Assert.True(await db.Get<StoredAnswerStore>().ReplaceAsync(reviewId, hash, Format, [new(0, 0, 0, true, Message("review"))], CancellationToken.None));

        var (version, stored) = await db.Get<ReviewVersionReader>().ReadAsync(showId, null, new StoredAnswerWanted(0, Format), CancellationToken.None);

        Assert.Equal(hash, version!.ContentHash);
        Assert.Null(stored);
    }

    [Fact]
    public async Task Read_RentsArraysForTheAnswerBroughtOnly_AndDisposeHandsThemBack()
    {
        await using var db = await StoredChartTests.CreateAsync(Provider, new CountingChartDrawer());
        var (showId, reviewId, hash) = await ImportAsync(db, "Frieren");
        Assert.True(await db.Get<StoredAnswerStore>().ReplaceAsync(reviewId, hash, Format, [new(0, 0, 0, true, Message("review"))], CancellationToken.None));
        var pool = new StoredAnswerStoreTests.RecordingPool();
        await using var reader = new ReviewVersionReader(db.Get<ReviewDatabase>(), NullLogger<ReviewVersionReader>.Instance, pool);

        _ = await reader.ReadAsync(showId, null, new StoredAnswerWanted(1, Format), CancellationToken.None);
        _ = await reader.ReadAsync(showId, null, null, CancellationToken.None);
        Assert.Empty(pool.Rented);
        var (_, stored) = await reader.ReadAsync(showId, null, new StoredAnswerWanted(0, Format), CancellationToken.None);
        Assert.Equal(2, pool.Rented.Count);
        Assert.Empty(pool.Returned);
        stored!.Dispose();

        Assert.Equal(pool.Rented.OrderBy(a => a.Length), pool.Returned.OrderBy(a => a.Length));
    }

    [Fact]
    public async Task Read_StoredAnswersCannotBeRead_ReadsTheVersionAlone()
    {
        await using var db = await StoredChartTests.CreateAsync(Provider, new CountingChartDrawer());
        var (showId, _, hash) = await ImportAsync(db, "Frieren");
        await ReviewVersionReuseTests.ExecuteOnOwnConnectionAsync(db, "ALTER TABLE review_answers RENAME TO review_answers_elsewhere");

        var (version, stored) = await db.Get<ReviewVersionReader>().ReadAsync(showId, null, new StoredAnswerWanted(0, Format), CancellationToken.None);

        Assert.Equal(hash, version!.ContentHash);
        Assert.Null(stored);
    }

    private static async Task<(long ShowId, long ReviewId, string Hash)> ImportAsync(TestDatabase db, string show)
    {
        var reviewId = (await db.ImportAsync(StoredChartTests.Article(show, 3, 4), sourceKey: show + ".txt")).ReviewId!.Value;
        var showId = await db.ScalarAsync($"SELECT show_id FROM reviews WHERE id = {reviewId}");
        return (showId, reviewId, await StoredChartTests.ContentHashAsync(db, reviewId));
    }

    private static byte[] Message(string text) => System.Text.Encoding.UTF8.GetBytes($$"""{"content":"{{text}}"}""");
}

public sealed class ReviewVersionReaderTestsOnSqlite : ReviewVersionReaderTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class ReviewVersionReaderTestsOnPostgreSql : ReviewVersionReaderTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
