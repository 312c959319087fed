using System.Data;
using System.Data.Common;
using Dapper;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// The review aggregate: reviews and their episodes. Writes take the caller's connection and
/// transaction (an import is one transaction); reads open a connection per call.
/// </summary>
public sealed class ReviewStore(ReviewDatabase connections)
{
    private const string ReviewColumns =
        """
        SELECT r.id AS Id, r.show_id AS ShowId, s.title AS ShowTitle, s.slug AS ShowSlug, r.season AS Season,
               r.title AS Title, r.headline AS Headline, r.verdict_score AS VerdictScore, r.verdict_scale AS VerdictScale,
               r.summary AS Summary, r.body AS Body, r.source_url AS SourceUrl, r.author AS Author,
               r.published_at AS PublishedAt, r.created_at AS CreatedAt, r.updated_at AS UpdatedAt,
               r.source_key AS SourceKey, r.content_hash AS ContentHash
        """;

    private const string FromReviews = " FROM reviews r JOIN shows s ON s.id = r.show_id";

    private const string SelectReview = ReviewColumns + FromReviews;

    private const string WhereShowSeason = " WHERE r.show_id = @showId AND (@season IS NULL OR r.season = @season) ORDER BY r.season DESC LIMIT 1";

    /// <summary>Where <see cref="ForAnswerSql"/>'s ratings count (then their sum) follow <see cref="ReviewColumns"/>.</summary>
    private const int ForAnswerRatings = 18;

    /// <summary>
    /// The same for SQLite and PostgreSQL. The ratings are counted on the primary key's prefix; the
    /// episodes' review id comes back so the reader can tell they belong to the row read first.
    /// </summary>
    private const string ForAnswerSql = ReviewColumns + ForAnswerRest;

    /// <summary>
    /// <see cref="ForAnswerSql"/> with an empty body in the body's place: the whole article is the
    /// largest text of a review and a /review answer never shows it, so it is not read for one.
    /// </summary>
    private static readonly string ForAnswerWithoutBodySql = ReviewColumns.Replace("r.body AS Body", "'' AS Body", StringComparison.Ordinal) + ForAnswerRest;

    private const string ForAnswerRest =
        """
        ,
               COALESCE(t.ratings, 0), COALESCE(t.rating_sum, 0)
        """
        + FromReviews + " LEFT JOIN review_rating_totals t ON t.review_id = r.id" + WhereShowSeason + ";\n"
        + "SELECT e.review_id, e.number, e.title, e.score, e.scale FROM episodes e WHERE e.review_id = (SELECT r.id FROM reviews r"
        + WhereShowSeason + ") ORDER BY e.number";

    /// <summary>The review this import should update: same source key, else same show and season.</summary>
    public async Task<StoredReviewState?> FindForImportAsync(
        DbConnection connection, DbTransaction transaction, string sourceKey, long showId, int season, CancellationToken cancellationToken)
    {
        var row = await connection.QueryFirstOrDefaultAsync<ReviewRow>(
            SelectReview + " WHERE r.source_key = @sourceKey OR (r.show_id = @showId AND r.season = @season) ORDER BY r.source_key = @sourceKey DESC LIMIT 1",
            new { sourceKey, showId, season, cancellationToken }, transaction);
        if (row is null)
        {
            return null;
        }

        var episodes = await LoadEpisodesAsync(connection, transaction, row.Id, cancellationToken);
        return new StoredReviewState(row.ToRecord(episodes), row.SourceKey, row.ContentHash);
    }

    /// <summary>Another review already holding this show and season (the unique pair), if any.</summary>
    public Task<long?> FindIdByShowSeasonAsync(
        DbConnection connection, DbTransaction transaction, long showId, int season, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long?>(
            "SELECT id FROM reviews WHERE show_id = @showId AND season = @season",
            new { showId, season, cancellationToken }, transaction);

    public Task<long> InsertAsync(
        DbConnection connection, DbTransaction transaction, ReviewWrite write, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO reviews (show_id, season, title, headline, verdict_score, verdict_scale, summary, body, source_url,
                                 author, published_at, source_key, content_hash, created_at, updated_at)
            VALUES (@ShowId, @Season, @Title, @Headline, @VerdictScore, @VerdictScale, @Summary, @Body, @SourceUrl,
                    @Author, @PublishedAt, @SourceKey, @ContentHash, @Now, @Now)
            RETURNING id
            """,
            new
            {
                write.ShowId, write.Season, write.Title, write.Headline, write.VerdictScore, write.VerdictScale, write.Summary,
                write.Body, write.SourceUrl, write.Author, write.PublishedAt, write.SourceKey, write.ContentHash, write.Now,
                cancellationToken,
            },
            transaction);

    public Task UpdateAsync(
        DbConnection connection, DbTransaction transaction, long id, ReviewWrite write, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(
            """
            UPDATE reviews SET show_id = @ShowId, season = @Season, title = @Title, headline = @Headline,
                verdict_score = @VerdictScore, verdict_scale = @VerdictScale, summary = @Summary, body = @Body,
                source_url = @SourceUrl, author = @Author, published_at = @PublishedAt, source_key = @SourceKey,
                content_hash = @ContentHash, updated_at = @Now
            WHERE id = @Id
            """,
            new
            {
                Id = id, write.ShowId, write.Season, write.Title, write.Headline, write.VerdictScore, write.VerdictScale, write.Summary,
                write.Body, write.SourceUrl, write.Author, write.PublishedAt, write.SourceKey, write.ContentHash, write.Now,
                cancellationToken,
            }, transaction);

    /// <summary>Replaces all episodes of a review (an edited guide may drop, add or renumber).</summary>
    public async Task ReplaceEpisodesAsync(
        DbConnection connection, DbTransaction transaction, long reviewId, IReadOnlyList<EpisodeEntry> episodes, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(
            "DELETE FROM episodes WHERE review_id = @reviewId", new { reviewId, cancellationToken }, transaction);
        // One insert per episode, as Dapper's list form ran it; a loop, because the list form takes no cancellation.
        foreach (var e in episodes)
        {
            await connection.ExecuteAsync(
                "INSERT INTO episodes (review_id, number, title, score, scale) VALUES (@reviewId, @Number, @Title, @Score, @Scale)",
                new { reviewId, e.Number, e.Title, Score = e.Score?.Value, Scale = e.Score?.Scale, cancellationToken },
                transaction);
        }
    }

    /// <summary>The review of a show's given season, or of its latest season when none is given.</summary>
    public async Task<StoredReview?> GetForShowAsync(long showId, int? season, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<ReviewRow>(
            SelectReview + " WHERE r.show_id = @showId AND (@season IS NULL OR r.season = @season) ORDER BY r.season DESC LIMIT 1",
            new { showId, season, cancellationToken });
        return row is null ? null : row.ToRecord(await LoadEpisodesAsync(connection, null, row.Id, cancellationToken));
    }

    /// <summary>
    /// The review of a show's given season (else its latest) for an answer: the row, its episodes and
    /// its community ratings' count and sum, in one command (two statements), so that on PostgreSQL a
    /// first ask costs one round trip instead of one per table. Null when there is no such review.
    /// </summary>
    /// <param name="withBody">False to leave the article's text out (<see cref="StoredReview.Body"/> empty), for an answer that does not quote it.</param>
    public async Task<ReviewForAnswer?> GetForAnswerAsync(long showId, int? season, bool withBody, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        StoredReview review;
        string updatedAt, contentHash;
        long ratings, ratingSum;
        var sameReview = true;
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = withBody ? ForAnswerSql : ForAnswerWithoutBodySql;
            command.AddParameter("@showId", DbType.Int64, showId);
            command.AddParameter("@season", DbType.Int32, season is { } s ? s : DBNull.Value);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                return null;
            }

            var row = ReadReviewRow(reader);
            (updatedAt, contentHash) = (row.UpdatedAt, row.ContentHash);
            (ratings, ratingSum) = (reader.GetInt64(ForAnswerRatings), reader.GetInt64(ForAnswerRatings + 1));
            await reader.NextResultAsync(cancellationToken);
            var episodes = new List<EpisodeEntry>();
            while (await reader.ReadAsync(cancellationToken))
            {
                sameReview &= reader.GetInt64(0) == row.Id;
                episodes.Add(new EpisodeEntry(
                    (int)reader.GetInt64(1),
                    reader.GetString(2),
                    !reader.IsDBNull(3) && !reader.IsDBNull(4) ? new Score(reader.GetDouble(3), reader.GetDouble(4)) : null));
            }

            review = row.ToRecord(episodes);
        }

        if (!sameReview)
        {
            // Each statement reads the tables as they are when it starts (PostgreSQL, read committed): a
            // season stored in between makes the second select another review's. Read this one's by id.
            review = review with { Episodes = await LoadEpisodesAsync(connection, null, review.Id, cancellationToken) };
        }

        return new ReviewForAnswer(review, updatedAt, contentHash, ratings, ratingSum);
    }

    /// <summary>Which show and season a review is of; null when it is gone.</summary>
    public async Task<ReviewPlace?> GetPlaceAsync(long reviewId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<PlaceRow>(
            "SELECT show_id AS ShowId, season AS Season FROM reviews WHERE id = @reviewId", new { reviewId, cancellationToken });
        return row is null ? null : new ReviewPlace(row.ShowId, (int)row.Season);
    }

    public async Task<IReadOnlyList<int>> GetSeasonsAsync(long showId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var seasons = await connection.QueryAsync<long>(
            "SELECT season FROM reviews WHERE show_id = @showId ORDER BY season", new { showId, cancellationToken });
        return seasons.Select(s => (int)s).ToList();
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var counts = await ParameterlessQuery.ReadAsync(connection, "SELECT COUNT(*) FROM reviews", r => r.GetInt64(0), cancellationToken);
        return counts[0];
    }

    /// <summary>Most recent first (published time, else stored time), without bodies' episodes.</summary>
    public async Task<IReadOnlyList<StoredReview>> GetLatestAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ReviewRow>(
            SelectReview + " ORDER BY COALESCE(r.published_at, r.created_at) DESC, r.id DESC LIMIT @limit",
            new { limit, cancellationToken });
        return rows.Select(r => r.ToRecord([])).ToList();
    }

    /// <summary>
    /// The shows that have episode <paramref name="number"/> (of that season, when given), each with the
    /// season of its newest such review, newest first, at most <paramref name="limit"/> of them; and how
    /// many shows have it in all. Reads no review's text: anyone may ask this of the whole store.
    /// </summary>
    public async Task<(IReadOnlyList<(ShowRecord Show, int Season)> Newest, int Total)> FindShowsWithEpisodeAsync(
        int number, int? season, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = (await connection.QueryAsync<ShowWithEpisodeRow>(
            """
            WITH matching AS (
                SELECT r.show_id, r.season, COALESCE(r.published_at, r.created_at) AS at, r.id,
                       ROW_NUMBER() OVER (PARTITION BY r.show_id ORDER BY COALESCE(r.published_at, r.created_at) DESC, r.id DESC) AS newest
                FROM reviews r
                WHERE EXISTS (SELECT 1 FROM episodes e WHERE e.review_id = r.id AND e.number = @number)
                  AND (@season IS NULL OR r.season = @season))
            SELECT s.id AS ShowId, s.title AS ShowTitle, s.slug AS ShowSlug, m.season AS Season, COUNT(*) OVER () AS Total
            FROM matching m JOIN shows s ON s.id = m.show_id
            WHERE m.newest = 1
            ORDER BY m.at DESC, m.id DESC
            LIMIT @limit
            """,
            new { number, season, limit, cancellationToken })).ToList();
        return (rows.Select(r => (new ShowRecord(r.ShowId, r.ShowTitle, r.ShowSlug), (int)r.Season)).ToList(), rows.Count == 0 ? 0 : (int)rows[0].Total);
    }

    /// <summary>The columns of <see cref="ReviewColumns"/>, in its order.</summary>
    private static ReviewRow ReadReviewRow(DbDataReader reader) => new()
    {
        Id = reader.GetInt64(0),
        ShowId = reader.GetInt64(1),
        ShowTitle = reader.GetString(2),
        ShowSlug = reader.GetString(3),
        Season = reader.GetInt64(4),
        Title = reader.GetString(5),
        Headline = reader.GetString(6),
        VerdictScore = reader.IsDBNull(7) ? null : reader.GetDouble(7),
        VerdictScale = reader.IsDBNull(8) ? null : reader.GetDouble(8),
        Summary = reader.GetString(9),
        Body = reader.GetString(10),
        SourceUrl = reader.IsDBNull(11) ? null : reader.GetString(11),
        Author = reader.IsDBNull(12) ? null : reader.GetString(12),
        PublishedAt = reader.IsDBNull(13) ? null : reader.GetString(13),
        CreatedAt = reader.GetString(14),
        UpdatedAt = reader.GetString(15),
        SourceKey = reader.GetString(16),
        ContentHash = reader.GetString(17),
    };

    private static async Task<IReadOnlyList<EpisodeEntry>> LoadEpisodesAsync(
        DbConnection connection, DbTransaction? transaction, long reviewId, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<EpisodeRow>(
            "SELECT number AS Number, title AS Title, score AS Score, scale AS Scale FROM episodes WHERE review_id = @reviewId ORDER BY number",
            new { reviewId, cancellationToken }, transaction);
        return rows.Select(e => new EpisodeEntry((int)e.Number, e.Title, e.Score is { } s && e.Scale is { } sc ? new Score(s, sc) : null)).ToList();
    }

    internal sealed class ShowWithEpisodeRow
    {
        public long ShowId { get; set; }

        public string ShowTitle { get; set; } = "";

        public string ShowSlug { get; set; } = "";

        public long Season { get; set; }

        public long Total { get; set; }
    }

    internal sealed class EpisodeRow
    {
        public long Number { get; set; }

        public string Title { get; set; } = "";

        public double? Score { get; set; }

        public double? Scale { get; set; }
    }

    internal sealed class ReviewRow
    {
        public long Id { get; set; }

        public long ShowId { get; set; }

        public string ShowTitle { get; set; } = "";

        public string ShowSlug { get; set; } = "";

        public long Season { get; set; }

        public string Title { get; set; } = "";

        public string Headline { get; set; } = "";

        public double? VerdictScore { get; set; }

        public double? VerdictScale { get; set; }

        public string Summary { get; set; } = "";

        public string Body { get; set; } = "";

        public string? SourceUrl { get; set; }

        public string? Author { get; set; }

        public string? PublishedAt { get; set; }

        public string CreatedAt { get; set; } = "";

        public string UpdatedAt { get; set; } = "";

        public string SourceKey { get; set; } = "";

        public string ContentHash { get; set; } = "";

        public StoredReview ToRecord(IReadOnlyList<EpisodeEntry> episodes) => new(
            Id,
            new ShowRecord(ShowId, ShowTitle, ShowSlug),
            (int)Season,
            Title,
            Headline,
            VerdictScore is { } v && VerdictScale is { } s ? new Score(v, s) : null,
            Summary,
            Body,
            ReviewUrl.FromStored(SourceUrl),
            Author,
            DbTime.ParseOrNull(PublishedAt),
            DbTime.Parse(CreatedAt),
            DbTime.Parse(UpdatedAt),
            episodes);
    }
}

/// <summary>A review loaded for an answer, with what its version is made of besides the row.</summary>
/// <param name="Ratings">How many community ratings it has.</param>
/// <param name="RatingSum">Their sum (the average shown is the sum over the count).</param>
/// <param name="UpdatedAt">The row's <c>updated_at</c> as stored (a version compares the text, not the parsed time).</param>
public sealed record ReviewPlace(long ShowId, int Season);

internal sealed class PlaceRow
{
    public long ShowId { get; set; }

    public long Season { get; set; }
}

public sealed record ReviewForAnswer(StoredReview Review, string UpdatedAt, string ContentHash, long Ratings, long RatingSum);

/// <summary>A stored review plus the identity fields an import compares against.</summary>
public sealed record StoredReviewState(StoredReview Review, string SourceKey, string ContentHash);

/// <summary>Column values for an insert or update.</summary>
public sealed record ReviewWrite(
    long ShowId,
    int Season,
    string Title,
    string Headline,
    double? VerdictScore,
    double? VerdictScale,
    string Summary,
    string Body,
    string? SourceUrl,
    string? Author,
    string? PublishedAt,
    string SourceKey,
    string ContentHash,
    string Now);
