using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using ReviewBot.Core.Charts;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;
using ReviewBot.Core.Tests.Charts;

namespace ReviewBot.Core.Tests.StoredAnswers;

/// <summary>
/// A review version's finished answers are stored whole and read back only with everything they were
/// built from; the chart they attach comes with them from the same version, or the answer is not read.
/// </summary>
public abstract class StoredAnswerStoreTests
{
    protected const string Format = "renderers 1";

    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task Read_AnswersWithoutTheChart_ReadTheStoredMessages()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var review = Message("review");
        var episode = Message("episode 2");

        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, false, review), new(2, 0, 0, false, episode)], CancellationToken.None));

        using (var read = await store.ReadAsync(new(id, 0, hash, 0, 0, Format), CancellationToken.None))
        {
            Assert.Equal(review, read!.Message.Memory.ToArray());
            Assert.Null(read.Chart);
        }

        using (var read = await store.ReadAsync(new(id, 2, hash, 0, 0, Format), CancellationToken.None))
        {
            Assert.Equal(episode, read!.Message.Memory.ToArray());
            Assert.Null(read.Chart);
        }
    }

    [Fact]
    public async Task Read_AnswerWithTheChart_ReadsTheChartDrawnFromItsVersion()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var review = Message("review with its chart");

        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 3, 21, true, review)], CancellationToken.None));

        using var read = await store.ReadAsync(new(id, 0, hash, 3, 21, Format), CancellationToken.None);
        Assert.Equal(review, read!.Message.Memory.ToArray());
        Assert.Equal(CountingChartDrawer.ImageOf(StoredChartTests.Scores(3, 4)), read.Chart!.Memory.ToArray());
    }

    [Fact]
    public async Task Read_MessageAndChartLargerThanAReadBuffer_ReadsEveryByte()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var random = new Random(11);
        var message = new byte[200_001];
        var png = new byte[100_003];
        random.NextBytes(message);
        random.NextBytes(png);
        Assert.True(await db.Get<ReviewChartStore>().SaveAsync(id, hash, ChartKey.Of(StoredChartTests.Scores(3, 4)), png, CancellationToken.None));
        var store = db.Get<StoredAnswerStore>();
        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, true, message)], CancellationToken.None));

        using var read = await store.ReadAsync(new(id, 0, hash, 0, 0, Format), CancellationToken.None);

        Assert.True(read!.Message.Memory.Span.SequenceEqual(message));
        Assert.True(read.Chart!.Memory.Span.SequenceEqual(png));
    }

    [Fact]
    public async Task Read_AnyPartOfTheKeyDifferent_ReadsNothing()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var (otherId, otherHash) = await ImportAsync(db, "Oshi no Ko");
        var store = db.Get<StoredAnswerStore>();
        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 3, 21, false, Message("review")), new(1, 3, 21, false, Message("episode 1"))], CancellationToken.None));
        Assert.True(await store.ReplaceAsync(otherId, otherHash, Format, [new(0, 0, 0, false, Message("the other review"))], CancellationToken.None));
        var key = new StoredAnswerKey(id, 0, hash, 3, 21, Format);
        Assert.NotEqual(hash, hash.ToUpperInvariant());
        using (var read = await store.ReadAsync(key, CancellationToken.None))
        {
            Assert.NotNull(read);
        }

        StoredAnswerKey[] others =
        [
            key with { ReviewId = otherId },
            key with { ReviewId = otherId + 1000 },
            key with { Episode = 2 },
            key with { ContentHash = otherHash },
            key with { ContentHash = hash.ToUpperInvariant() },
            key with { Ratings = 4 },
            key with { Ratings = 0, RatingSum = 0 },
            key with { RatingSum = 22 },
            key with { Format = "renderers 2" },
            key with { Format = Format + " " },
        ];
        foreach (var other in others)
        {
            Assert.Null(await store.ReadAsync(other, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Read_AnswerWithTheChart_NoChartOfItsVersion_ReadsNothing()
    {
        var drawer = new CountingChartDrawer { Fail = true };
        await using var db = await StoredChartTests.CreateAsync(Provider, drawer);
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var charts = db.Get<ReviewChartStore>();
        var scores = ChartKey.Of(StoredChartTests.Scores(3, 4));
        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, true, Message("review")), new(1, 0, 0, false, Message("episode 1"))], CancellationToken.None));
        var key = new StoredAnswerKey(id, 0, hash, 0, 0, Format);

        var noChart = await store.ReadAsync(key, CancellationToken.None);
        Assert.True(await charts.SaveAsync(id, hash, scores, null, CancellationToken.None));
        var nothingDrawn = await store.ReadAsync(key, CancellationToken.None);
        Assert.True(await charts.SaveAsync(id, hash, scores, [1, 2, 3], CancellationToken.None));
        await ExecuteAsync(db, $"UPDATE review_charts SET drawn_from = 'another version' WHERE review_id = {id}");
        var drawnFromAnotherVersion = await store.ReadAsync(key, CancellationToken.None);
        using var episodeWithoutChart = await store.ReadAsync(key with { Episode = 1 }, CancellationToken.None);
        await ExecuteAsync(db, $"UPDATE review_charts SET drawn_from = '{hash}' WHERE review_id = {id}");
        using var drawnFromItsVersion = await store.ReadAsync(key, CancellationToken.None);

        Assert.Null(noChart);
        Assert.Null(nothingDrawn);
        Assert.Null(drawnFromAnotherVersion);
        Assert.Null(episodeWithoutChart!.Chart);
        Assert.Equal([1, 2, 3], drawnFromItsVersion!.Chart!.Memory.ToArray());
    }

    [Fact]
    public async Task Replace_RemovesTheAnswersOfEpisodesNoLongerGiven()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        Assert.True(await store.ReplaceAsync(
            id, hash, Format, [new(0, 0, 0, false, Message("review")), new(1, 0, 0, false, Message("one")), new(2, 0, 0, false, Message("two"))], CancellationToken.None));

        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, false, Message("review again")), new(1, 0, 0, false, Message("one again"))], CancellationToken.None));

        Assert.Equal(2, await db.ScalarAsync($"SELECT COUNT(*) FROM review_answers WHERE review_id = {id}"));
        Assert.Null(await store.ReadAsync(new(id, 2, hash, 0, 0, Format), CancellationToken.None));
        using var one = await store.ReadAsync(new(id, 1, hash, 0, 0, Format), CancellationToken.None);
        Assert.Equal(Message("one again"), one!.Message.Memory.ToArray());
    }

    [Fact]
    public async Task Save_ReplacesThatEpisodesAnswerOnly()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 1, 7, false, Message("review")), new(1, 0, 0, false, Message("one"))], CancellationToken.None));

        Assert.True(await store.SaveAsync(id, hash, Format, new(0, 2, 15, false, Message("review, rated twice")), CancellationToken.None));
        Assert.True(await store.SaveAsync(id, hash, Format, new(3, 0, 0, false, Message("three")), CancellationToken.None));

        Assert.Null(await store.ReadAsync(new(id, 0, hash, 1, 7, Format), CancellationToken.None));
        using var review = await store.ReadAsync(new(id, 0, hash, 2, 15, Format), CancellationToken.None);
        using var one = await store.ReadAsync(new(id, 1, hash, 0, 0, Format), CancellationToken.None);
        using var three = await store.ReadAsync(new(id, 3, hash, 0, 0, Format), CancellationToken.None);
        Assert.Equal(Message("review, rated twice"), review!.Message.Memory.ToArray());
        Assert.Equal(Message("one"), one!.Message.Memory.ToArray());
        Assert.Equal(Message("three"), three!.Message.Memory.ToArray());
    }

    [Fact]
    public async Task ReplaceAndSave_OfAVersionTheReviewNoLongerHas_WriteNothing()
    {
        await using var db = await CreateAsync();
        var (id, first) = await ImportAsync(db, "Frieren");
        db.Time.Advance(TimeSpan.FromMinutes(1));
        await db.ImportAsync(StoredChartTests.Article("Frieren", 1, 1));
        var second = await StoredChartTests.ContentHashAsync(db, id);
        Assert.NotEqual(first, second);
        var store = db.Get<StoredAnswerStore>();
        Assert.True(await store.ReplaceAsync(id, second, Format, [new(0, 0, 0, false, Message("second")), new(1, 0, 0, false, Message("second, one"))], CancellationToken.None));

        // Answers of the first version finishing after the edit's own were stored.
        var replaced = await store.ReplaceAsync(id, first, Format, [new(0, 0, 0, false, Message("first"))], CancellationToken.None);
        var saved = await store.SaveAsync(id, first, Format, new(1, 0, 0, false, Message("first, one")), CancellationToken.None);

        Assert.False(replaced);
        Assert.False(saved);
        Assert.Equal(2, await db.ScalarAsync($"SELECT COUNT(*) FROM review_answers WHERE review_id = {id}"));
        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM review_answers WHERE content_hash <> '{second}'"));
        using var one = await store.ReadAsync(new(id, 1, second, 0, 0, Format), CancellationToken.None);
        Assert.Equal(Message("second, one"), one!.Message.Memory.ToArray());
    }

    /// <summary>
    /// An edit of the review in progress while answers of its old version are written: the write waits
    /// for the edit, then finds the review changed and writes nothing (checked before the edit commits,
    /// it would write the old version's answers after it).
    /// </summary>
    [Fact]
    public async Task Replace_WhileTheReviewIsBeingEdited_WaitsAndThenWritesNothing()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var database = db.Get<ReviewDatabase>();
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var edit = await database.BeginWriteAsync(connection, CancellationToken.None);
        await using (var update = connection.CreateCommand())
        {
            update.Transaction = edit;
            update.CommandText = $"UPDATE reviews SET content_hash = 'the edit' WHERE id = {id}";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        // On its own thread: SQLite's write lock is waited for inside a synchronous call.
        var replace = Task.Run(() => store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, false, Message("the old version"))], CancellationToken.None));
        await Task.Delay(500);
        var waited = !replace.IsCompleted;
        await edit.CommitAsync();

        Assert.True(waited);
        Assert.False(await replace);
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM review_answers"));
    }

    [Fact]
    public async Task ReplaceAndSave_ReviewGone_WriteNothing()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();

        Assert.False(await store.ReplaceAsync(id + 1000, hash, Format, [new(0, 0, 0, false, Message("review"))], CancellationToken.None));
        Assert.False(await store.SaveAsync(id + 1000, hash, Format, new(0, 0, 0, false, Message("review")), CancellationToken.None));
        Assert.Equal(0, await db.ScalarAsync("SELECT COUNT(*) FROM review_answers"));
    }

    [Fact]
    public async Task DeletedReview_TakesItsAnswersWithIt()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var (otherId, otherHash) = await ImportAsync(db, "Oshi no Ko");
        var store = db.Get<StoredAnswerStore>();
        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, false, Message("review")), new(1, 0, 0, false, Message("one"))], CancellationToken.None));
        Assert.True(await store.ReplaceAsync(otherId, otherHash, Format, [new(0, 0, 0, false, Message("other"))], CancellationToken.None));

        await ExecuteAsync(db, $"DELETE FROM reviews WHERE id = {id}");

        Assert.Equal(0, await db.ScalarAsync($"SELECT COUNT(*) FROM review_answers WHERE review_id = {id}"));
        Assert.Equal(1, await db.ScalarAsync($"SELECT COUNT(*) FROM review_answers WHERE review_id = {otherId}"));
        Assert.Null(await store.ReadAsync(new(id, 0, hash, 0, 0, Format), CancellationToken.None));
    }

    [Fact]
    public async Task Stale_ListsReviewsWhoseAnswersAreMissingOrOfAnotherVersionFormatOrScore_InPages()
    {
        await using var db = await CreateAsync();
        var store = db.Get<StoredAnswerStore>();
        var reviews = new Dictionary<string, (long Id, string Hash)>();
        foreach (var name in new[] { "Current", "Missing", "Missing Without Chart", "Other Version", "Other Format", "Stale Episode", "No Episode Answers", "Rated", "Current Too" })
        {
            reviews[name] = await ImportAsync(db, name);
        }

        Task<bool> StoreAsync(string name, string format, params StoredAnswer[] answers) =>
            store.ReplaceAsync(reviews[name].Id, reviews[name].Hash, format, answers, CancellationToken.None);
        StoredAnswer Review() => new(0, 0, 0, true, Message("r"));
        StoredAnswer Episode() => new(1, 0, 0, false, Message("1"));
        long Id(string name) => reviews[name].Id;

        Assert.True(await StoreAsync("Current", Format, Review(), Episode()));
        Assert.True(await StoreAsync("Missing", Format, Episode()));
        // Its scores call for a chart, and there is none: a /review can't be stored until there is.
        Assert.True(await StoreAsync("Missing Without Chart", Format, Episode()));
        await ExecuteAsync(db, $"DELETE FROM review_charts WHERE review_id = {Id("Missing Without Chart")}");
        Assert.True(await StoreAsync("Other Version", Format, Review(), Episode()));
        await ExecuteAsync(db, $"UPDATE reviews SET content_hash = 'edited elsewhere' WHERE id = {Id("Other Version")}");
        Assert.True(await StoreAsync("Other Format", "renderers 0", Review(), Episode()));
        Assert.True(await StoreAsync("Stale Episode", Format, Review(), Episode()));
        await ExecuteAsync(db, $"UPDATE review_answers SET content_hash = 'an older version' WHERE review_id = {Id("Stale Episode")} AND episode = 1");
        Assert.True(await StoreAsync("No Episode Answers", Format, Review()));
        Assert.True(await StoreAsync("Rated", Format, Review(), Episode()));
        await db.Get<ReviewBot.Core.Ratings.CommunityRatingStore>().RateAsync(Id("Rated"), 42, 8, CancellationToken.None);
        Assert.True(await StoreAsync("Current Too", Format, Review(), Episode()));

        var all = await store.StaleAsync(Format, 0, 100, CancellationToken.None);
        var firstPage = await store.StaleAsync(Format, 0, 3, CancellationToken.None);
        var secondPage = await store.StaleAsync(Format, firstPage[^1], 3, CancellationToken.None);
        var thirdPage = await store.StaleAsync(Format, secondPage[^1], 3, CancellationToken.None);
        var inTheOldFormat = await store.StaleAsync("renderers 0", 0, 100, CancellationToken.None);

        long[] stale = [Id("Missing"), Id("Other Version"), Id("Other Format"), Id("Stale Episode"), Id("No Episode Answers"), Id("Rated")];
        Assert.Equal(stale, all);
        Assert.Equal(stale[..3], firstPage);
        Assert.Equal(stale[3..], secondPage);
        Assert.Empty(thirdPage);
        Assert.Equal(reviews.Values.Select(r => r.Id).Where(id => id != Id("Other Format")), inTheOldFormat);
    }

    [Fact]
    public async Task Read_RentsArraysHoldingExactlyTheStoredBytes_AndDisposeHandsBothBack()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var message = Message("a message of its own length");
        Assert.True(await db.Get<StoredAnswerStore>().ReplaceAsync(id, hash, Format, [new(0, 0, 0, true, message)], CancellationToken.None));
        var pool = new RecordingPool();
        await using var store = new StoredAnswerStore(db.Get<ReviewDatabase>(), db.Time, pool);

        var read = await store.ReadAsync(new(id, 0, hash, 0, 0, Format), CancellationToken.None);

        var chart = CountingChartDrawer.ImageOf(StoredChartTests.Scores(3, 4));
        Assert.Equal(message, read!.Message.Memory.ToArray());
        Assert.Equal(chart, read.Chart!.Memory.ToArray());
        Assert.Equal(2, pool.Rented.Count);
        Assert.Empty(pool.Returned);

        read.Dispose();
        read.Dispose();

        Assert.Equal(pool.Rented.OrderBy(a => a.Length), pool.Returned.OrderBy(a => a.Length));
        Assert.Null(await store.ReadAsync(new(id, 0, hash, 1, 1, Format), CancellationToken.None));
        Assert.Equal(2, pool.Rented.Count);
    }

    [Fact]
    public async Task Read_ManyAtOnce_EachReadsItsOwnAnswer()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var answers = new List<StoredAnswer>();
        for (var episode = 0; episode < 8; episode++)
        {
            answers.Add(new(episode, 0, 0, episode % 2 == 0, Message($"answer {episode} ") .Concat(new byte[episode * 1000]).ToArray()));
        }

        Assert.True(await store.ReplaceAsync(id, hash, Format, answers, CancellationToken.None));

        await Task.WhenAll(answers.Select(answer => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                using var read = await store.ReadAsync(new(id, answer.Episode, hash, 0, 0, Format), CancellationToken.None);
                Assert.Equal(answer.Message.ToArray(), read!.Message.Memory.ToArray());
                Assert.Equal(answer.WithChart, read.Chart is not null);
            }
        })));
    }

    /// <summary>A read kept on its connection between calls sees what was written since, not the snapshot of its last read.</summary>
    [Fact]
    public async Task Read_AfterAWrite_SeesIt()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var key = new StoredAnswerKey(id, 0, hash, 0, 0, Format);

        var before = await store.ReadAsync(key, CancellationToken.None);
        Assert.True(await store.SaveAsync(id, hash, Format, new(0, 0, 0, false, Message("first")), CancellationToken.None));
        using var first = await store.ReadAsync(key, CancellationToken.None);
        var firstBytes = first!.Message.Memory.ToArray();
        Assert.True(await store.SaveAsync(id, hash, Format, new(0, 0, 0, false, Message("second")), CancellationToken.None));
        using var second = await store.ReadAsync(key, CancellationToken.None);

        Assert.Null(before);
        Assert.Equal(Message("first"), firstBytes);
        Assert.Equal(Message("second"), second!.Message.Memory.ToArray());
    }

    protected Task<TestDatabase> CreateAsync() => StoredChartTests.CreateAsync(Provider, new CountingChartDrawer());

    protected static async Task<(long Id, string Hash)> ImportAsync(TestDatabase db, string show)
    {
        var id = (await db.ImportAsync(StoredChartTests.Article(show, 3, 4), sourceKey: show + ".txt")).ReviewId!.Value;
        return (id, await StoredChartTests.ContentHashAsync(db, id));
    }

    protected static byte[] Message(string text) => Encoding.UTF8.GetBytes($$"""{"content":"{{text}}"}""");

    private static async Task ExecuteAsync(TestDatabase db, string sql)
    {
        await using var connection = await db.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Hands out new arrays and records every array rented and handed back.</summary>
    internal sealed class RecordingPool : ArrayPool<byte>
    {
        private readonly ConcurrentQueue<byte[]> _rented = new();
        private readonly ConcurrentQueue<byte[]> _returned = new();

        public IReadOnlyList<byte[]> Rented => [.. _rented];

        public IReadOnlyList<byte[]> Returned => [.. _returned];

        public override byte[] Rent(int minimumLength)
        {
            // Larger than asked, as a real pool's arrays are: a reader must use the length it was given.
            var array = new byte[minimumLength + 13];
            Array.Fill(array, (byte)0xAA);
            _rented.Enqueue(array);
            return array;
        }

        public override void Return(byte[] array, bool clearArray = false) => _returned.Enqueue(array);
    }
}

public sealed class StoredAnswerStoreTestsOnSqlite : StoredAnswerStoreTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;

    /// <summary>
    /// A first /review or /episode reads its answer on an interaction's path: the bytes go into rented
    /// arrays, and the read allocates only the objects it returns (no reader, no copy of the message).
    /// </summary>
    [Fact]
    public async Task Read_AllocatesLittleBeyondTheResult()
    {
        await using var db = await CreateAsync();
        var (id, hash) = await ImportAsync(db, "Frieren");
        var store = db.Get<StoredAnswerStore>();
        var message = new byte[20_000];
        new Random(3).NextBytes(message);
        Assert.True(await store.ReplaceAsync(id, hash, Format, [new(0, 0, 0, true, message), new(1, 0, 0, false, message)], CancellationToken.None));
        StoredAnswerKey[] keys = [new(id, 0, hash, 0, 0, Format), new(id, 1, hash, 0, 0, Format)];
        foreach (var key in keys)
        {
            using var read = await store.ReadAsync(key, CancellationToken.None);
            Assert.True(read!.Message.Memory.Span.SequenceEqual(message));
        }

        const int Rounds = 200;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Rounds; i++)
        {
            foreach (var key in keys)
            {
                var pending = store.ReadAsync(key, CancellationToken.None);
                Assert.True(pending.IsCompletedSuccessfully);
                (await pending)!.Dispose();
            }
        }

        var perRead = (GC.GetAllocatedBytesForCurrentThread() - before) / (Rounds * (double)keys.Length);
        // The result (one read and one or two rented byte holders) is about a hundred bytes; a copy of
        // the message alone would be 20 KB.
        Assert.True(perRead < 256, $"{perRead:0} bytes per read");
    }
}

public sealed class StoredAnswerStoreTestsOnPostgreSql : StoredAnswerStoreTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
