using System.Data.Common;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests.Storage;

/// <summary>
/// Store calls run through the code Dapper.AOT generates at build time, which takes the cancellation
/// token from the arguments object's <c>cancellationToken</c> member. Each test hands an open
/// connection and transaction to a store method with an already-cancelled token, so the only thing
/// left to see the token is the generated command itself; the same call with a live token answers.
/// </summary>
public abstract class StoreCallCancellationTests
{
    /// <summary>The engine every test of this class runs on; one subclass per provider below.</summary>
    protected abstract StorageProvider Provider { get; }

    [Fact]
    public async Task FindIdByShowSeason_CancelledToken_ScalarCallIsCancelled()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (reviewId, showId) = await ImportSampleAsync(db);
        await using var connection = await db.OpenAsync();
        await using var transaction = await db.Get<ReviewDatabase>().BeginWriteAsync(connection, CancellationToken.None);
        var store = db.Get<ReviewStore>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.FindIdByShowSeasonAsync(connection, transaction, showId, 1, Cancelled()));

        Assert.Equal(reviewId, await store.FindIdByShowSeasonAsync(connection, transaction, showId, 1, CancellationToken.None));
    }

    [Fact]
    public async Task FindForImport_CancelledToken_RowQueryIsCancelled()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (reviewId, showId) = await ImportSampleAsync(db);
        await using var connection = await db.OpenAsync();
        await using var transaction = await db.Get<ReviewDatabase>().BeginWriteAsync(connection, CancellationToken.None);
        var store = db.Get<ReviewStore>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.FindForImportAsync(connection, transaction, "test.txt", showId, 1, Cancelled()));

        var found = await store.FindForImportAsync(connection, transaction, "test.txt", showId, 1, CancellationToken.None);
        Assert.Equal(reviewId, found!.Review.Id);
    }

    [Fact]
    public async Task ReplaceEpisodes_CancelledToken_WriteIsCancelledAndEpisodesStay()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        var (reviewId, _) = await ImportSampleAsync(db);
        var before = await db.ScalarAsync($"SELECT COUNT(*) FROM episodes WHERE review_id = {reviewId}");
        await using (var connection = await db.OpenAsync())
        {
            await using var transaction = await db.Get<ReviewDatabase>().BeginWriteAsync(connection, CancellationToken.None);

            await Assert.ThrowsAnyAsync<OperationCanceledException>(
                () => db.Get<ReviewStore>().ReplaceEpisodesAsync(connection, transaction, reviewId, [new EpisodeEntry(1, "Only", null)], Cancelled()));
        }

        Assert.True(before > 1);
        Assert.Equal(before, await db.ScalarAsync($"SELECT COUNT(*) FROM episodes WHERE review_id = {reviewId}"));
    }

    [Fact]
    public async Task ParameterlessQuery_CancelledToken_IsCancelled()
    {
        await using var db = await TestDatabase.CreateAsync(Provider);
        await ImportSampleAsync(db);
        await using var connection = await db.OpenAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => ParameterlessQuery.ReadAsync(connection, "SELECT COUNT(*) FROM reviews", r => r.GetInt64(0), Cancelled()));

        Assert.Equal([1L], await ParameterlessQuery.ReadAsync(connection, "SELECT COUNT(*) FROM reviews", r => r.GetInt64(0), CancellationToken.None));
    }

    private static CancellationToken Cancelled() => new(canceled: true);

    private static async Task<(long ReviewId, long ShowId)> ImportSampleAsync(TestDatabase db)
    {
        var result = await db.ImportAsync(TestDatabase.SampleText);
        Assert.True(result.Succeeded, result.Error);
        var reviewId = result.ReviewId!.Value;
        return (reviewId, await db.ScalarAsync($"SELECT show_id FROM reviews WHERE id = {reviewId}"));
    }
}

public sealed class StoreCallCancellationTestsOnSqlite : StoreCallCancellationTests
{
    protected override StorageProvider Provider => StorageProvider.Sqlite;
}

public sealed class StoreCallCancellationTestsOnPostgreSql : StoreCallCancellationTests
{
    protected override StorageProvider Provider => StorageProvider.PostgreSql;
}
