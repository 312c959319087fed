using System.Data;
using System.Data.Common;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <summary>
/// What a /review or /episode answer shows, named without loading it: the review's row (every edit
/// writes a new <c>updated_at</c> and, when the text changed, a new content hash) and its community
/// ratings (their count and sum; the average shown follows from them). Two lookups with equal
/// versions show the same thing, so a finished answer can be reused until the version changes.
/// </summary>
public sealed record ReviewVersion(long ReviewId, string UpdatedAt, string ContentHash, long Ratings, long RatingSum)
{
    /// <summary><see cref="UpdatedAt"/> as a time (what <see cref="ReviewDetails.UpdatedAt"/> holds).</summary>
    public DateTimeOffset UpdatedAtTime => DbTime.Parse(UpdatedAt);

    /// <summary>True when <paramref name="review"/> was loaded at this version (the same row and the same community score).</summary>
    public bool Matches(ReviewDetails review) =>
        review.ReviewId == ReviewId
        && review.UpdatedAt == UpdatedAtTime
        && (review.Community?.Count ?? 0) == Ratings
        && (Ratings == 0 || Math.Abs(review.Community!.Average!.Value * Ratings - RatingSum) < 0.001);
}

/// <summary>
/// Reads <see cref="ReviewVersion"/>s for /review and /episode. A version read before is answered from
/// memory (<see cref="ReviewVersionCache"/>) for as long as the database's <see cref="IReviewChangeWatch"/>
/// vouches for it, so an answer asked before costs no database read; otherwise one small indexed read
/// in place of the whole review, on one kept connection with the statement prepared (as
/// <see cref="ShowSearch.ShowTitleIndex"/> does for its check). A caller that finds that connection
/// busy, or a kept connection that failed (a restarted PostgreSQL), uses a pooled connection instead.
/// </summary>
public sealed class ReviewVersions(ReviewDatabase connections, IReviewChangeWatch watch, ReviewVersionCache cache, CoreMetrics metrics)
    : IAsyncDisposable, IDisposable
{
    private const string Sql =
        """
        SELECT r.id, r.updated_at, r.content_hash,
               (SELECT COUNT(*) FROM community_ratings c WHERE c.review_id = r.id),
               (SELECT COALESCE(SUM(c.rating), 0) FROM community_ratings c WHERE c.review_id = r.id)
        FROM reviews r WHERE r.show_id = @showId AND (@season IS NULL OR r.season = @season) ORDER BY r.season DESC LIMIT 1
        """;

    private readonly SemaphoreSlim _kept = new(1, 1);
    private DbConnection? _connection; // only touched while holding _kept
    private DbCommand? _command;

    /// <summary>The version of a show's review of the given season, else of its latest season; null when there is none.</summary>
    public async ValueTask<ReviewVersion?> GetAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        if (!await watch.CatchUpAsync(cancellationToken))
        {
            metrics.VersionRead(fromMemory: false);
            return await ReadAsync(showId, season, cancellationToken);
        }

        // Read before the database is: a change told while reading moves it, and the read is not kept.
        var epoch = cache.Epoch;
        if (cache.TryGet(showId, season, out var kept))
        {
            metrics.VersionRead(fromMemory: true);
            return kept;
        }

        metrics.VersionRead(fromMemory: false);
        var version = await ReadAsync(showId, season, cancellationToken);
        if (version is not null)
        {
            cache.Keep(showId, season, version, epoch);
        }

        return version;
    }

    private async Task<ReviewVersion?> ReadAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        if (await _kept.WaitAsync(0, cancellationToken))
        {
            try
            {
                if (_command is null)
                {
                    _connection = await connections.OpenAsync(cancellationToken);
                    _command = Create(_connection);
                }

                return await ReadAsync(_command, showId, season, cancellationToken);
            }
            catch (DbException)
            {
                // The kept connection may be what failed: drop it, and ask once more on a fresh one below.
                await DropKeptAsync();
            }
            finally
            {
                _kept.Release();
            }
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = Create(connection);
        return await ReadAsync(command, showId, season, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _kept.WaitAsync();
        try
        {
            await DropKeptAsync();
        }
        finally
        {
            _kept.Release();
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static DbCommand Create(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        var showId = command.CreateParameter();
        showId.ParameterName = "@showId";
        showId.DbType = DbType.Int64;
        command.Parameters.Add(showId);
        var season = command.CreateParameter();
        season.ParameterName = "@season";
        season.DbType = DbType.Int32;
        command.Parameters.Add(season);
        return command;
    }

    private static async Task<ReviewVersion?> ReadAsync(DbCommand command, long showId, int? season, CancellationToken cancellationToken)
    {
        command.Parameters[0].Value = showId;
        command.Parameters[1].Value = season is { } s ? s : DBNull.Value;
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SingleRow, cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ReviewVersion(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4))
            : null;
    }

    private async Task DropKeptAsync()
    {
        if (_command is not null)
        {
            await _command.DisposeAsync();
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
        }

        (_command, _connection) = (null, null);
    }
}
