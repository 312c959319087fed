using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>
/// The <see cref="IReviewChangeWatch"/> of the configured database, chosen on first use from
/// <see cref="ReviewDatabase.Provider"/> like every store's dialect-specific SQL: choosing while the
/// services are built would turn a bad connection string into a failure to build them, instead of the
/// configuration error the start-up validation reports.
/// </summary>
internal sealed class DialectReviewChangeWatch(ReviewDatabase database, SqliteReviewChangeWatch sqlite, PostgreSqlReviewChangeWatch postgreSql) : IReviewChangeWatch
{
    public ValueTask<bool> CatchUpAsync(CancellationToken cancellationToken) => Chosen.CatchUpAsync(cancellationToken);

    public Task WatchAsync(CancellationToken cancellationToken) => Chosen.WatchAsync(cancellationToken);

    private IReviewChangeWatch Chosen => database.Provider == StorageProvider.Sqlite ? sqlite : postgreSql;
}
