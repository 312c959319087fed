using Dapper;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Answers;

/// <param name="Snippet">
/// The text around the match, each matched word between <see cref="SearchQuery.MatchStart"/> and
/// <see cref="SearchQuery.MatchEnd"/>; <see cref="SnippetParts"/> reads it.
/// </param>
/// <param name="Verdict">The review's verdict, when it has one (read in the same query as the hit).</param>
public sealed record SearchHit(long ReviewId, ShowRef Show, int Season, string Headline, string Snippet, Score? Verdict = null)
{
    /// <summary>The snippet as runs of review text, each saying whether it is a matched word.</summary>
    public IReadOnlyList<(string Text, bool IsMatch)> SnippetParts()
    {
        var parts = new List<(string, bool)>();
        var isMatch = false;
        var start = 0;
        for (var i = 0; i <= Snippet.Length; i++)
        {
            if (i < Snippet.Length && Snippet[i] is not (SearchQuery.MatchStart or SearchQuery.MatchEnd))
            {
                continue;
            }

            if (i > start)
            {
                parts.Add((Snippet[start..i], isMatch));
            }

            if (i < Snippet.Length)
            {
                isMatch = Snippet[i] == SearchQuery.MatchStart;
            }

            start = i + 1;
        }

        return parts;
    }
}

/// <summary>
/// Full-text search over headlines, summaries, bodies and show titles: FTS5 ranked by bm25 on SQLite,
/// the weighted search document ranked by ts_rank on PostgreSQL. The two queries below are the only
/// place the dialects differ; either way the user's words are data, never query syntax.
/// </summary>
public sealed class SearchQuery(ReviewDatabase connections)
{
    public const int MaxLimit = 25;

    /// <summary>
    /// Where a matched word starts and ends in a snippet: control characters (STX, ETX), which import
    /// refuses in every review, so no review text can be mistaken for a mark. Marks made of text
    /// ("**") could not be told from the same characters written in the review.
    /// </summary>
    public const char MatchStart = '\u0002';

    /// <inheritdoc cref="MatchStart"/>
    public const char MatchEnd = '\u0003';

    private const string SqliteSql =
        """
        SELECT r.id AS ReviewId, s.title AS ShowTitle, s.slug AS ShowSlug, r.season AS Season, r.headline AS Headline,
               r.verdict_score AS VerdictScore, r.verdict_scale AS VerdictScale,
               snippet(reviews_fts, -1, char(2), char(3), '…', 12) AS Snippet
        FROM reviews_fts
        JOIN reviews r ON r.id = reviews_fts.rowid
        JOIN shows s ON s.id = r.show_id
        WHERE reviews_fts MATCH @match
        ORDER BY bm25(reviews_fts, 4.0, 2.0, 1.0, 8.0)
        LIMIT @limit
        """;

    // plainto_tsquery reads its text as plain words ANDed together: operators (& | ! <-> :*),
    // quotes and parentheses in it are punctuation, never syntax. The weights give show title (A),
    // headline (B), summary (C) and body (D) the same order as the bm25 weights above.
    private const string PostgreSqlSql =
        """
        WITH q AS (SELECT plainto_tsquery('reviewbot_search', @match) AS query),
        hits AS (
            SELECT rs.review_id, ts_rank('{0.1, 0.2, 0.4, 0.8}', rs.document, q.query) AS rank, q.query
            FROM reviews_search rs, q
            WHERE rs.document @@ q.query
            ORDER BY rank DESC, rs.review_id
            LIMIT @limit)
        SELECT r.id AS ReviewId, s.title AS ShowTitle, s.slug AS ShowSlug, r.season AS Season, r.headline AS Headline,
               r.verdict_score AS VerdictScore, r.verdict_scale AS VerdictScale,
               ts_headline('reviewbot_search', r.headline || E'\n' || r.summary || E'\n' || r.body, hits.query,
                           'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxWords=12, MinWords=4, MaxFragments=1, FragmentDelimiter=…') AS Snippet
        FROM hits
        JOIN reviews r ON r.id = hits.review_id
        JOIN shows s ON s.id = r.show_id
        ORDER BY hits.rank DESC, r.id
        """;

    public async Task<IReadOnlyList<SearchHit>> SearchAsync(string text, int limit, CancellationToken cancellationToken)
    {
        var postgres = connections.Provider == StorageProvider.PostgreSql;
        var match = postgres ? ToPlainWords(text) : ToMatchExpression(text);
        if (match.Length == 0)
        {
            return [];
        }

        await using var connection = await connections.OpenAsync(cancellationToken);
        var args = new { match, limit = Math.Clamp(limit, 1, MaxLimit), cancellationToken };
        // One call per dialect: Dapper.AOT generates a call's code only for SQL it can read at build time.
        var rows = postgres
            ? await connection.QueryAsync<Row>(PostgreSqlSql, args)
            : await connection.QueryAsync<Row>(SqliteSql, args);
        return rows.Select(r => new SearchHit(
            r.ReviewId,
            new ShowRef(r.ShowTitle, r.ShowSlug),
            (int)r.Season,
            r.Headline,
            r.Snippet,
            r.VerdictScore is { } value && r.VerdictScale is { } scale ? new Score(value, scale) : null)).ToList();
    }

    /// <summary>
    /// Users type words, not FTS5 syntax: each word becomes a quoted FTS5 string (embedded quotes
    /// doubled), so OR, NEAR(, *, ^ and column filters are searched for, never interpreted.
    /// The words are ANDed, as FTS5 does with juxtaposed strings.
    /// </summary>
    public static string ToMatchExpression(string text) =>
        string.Join(" ", Words(text).Select(token => "\"" + token.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));

    /// <summary>The same words for PostgreSQL's plainto_tsquery, which takes them as plain text.</summary>
    public static string ToPlainWords(string text) => string.Join(" ", Words(text));

    private static IEnumerable<string> Words(string text) => text
        .Split(Separators, StringSplitOptions.RemoveEmptyEntries)
        .Where(token => token.Any(char.IsLetterOrDigit))
        .Take(32);

    /// <summary>
    /// White space, and control characters too: a NUL would end FTS5's query text inside a quoted word
    /// (it reads a C string: "unterminated string"), PostgreSQL refuses a NUL in text at all, and no
    /// review's words contain a control character.
    /// </summary>
    private static readonly char[] Separators =
        [.. Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.IsWhiteSpace(c) || char.IsControl(c))];

    internal sealed class Row
    {
        public long ReviewId { get; set; }

        public string ShowTitle { get; set; } = "";

        public string ShowSlug { get; set; } = "";

        public long Season { get; set; }

        public string Headline { get; set; } = "";

        public string Snippet { get; set; } = "";

        public double? VerdictScore { get; set; }

        public double? VerdictScale { get; set; }
    }
}
