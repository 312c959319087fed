using System.Data.Common;
using Dapper;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// The show <see cref="ShowIndex.FindExact(ShowQuery)"/> would answer, found through the shows
/// table's unique indexes (slug, title_key) instead of loading every show into an index: what a
/// process that has not built the index yet (a cold <c>ask</c>, a bot's first /review) needs for
/// one named show. It answers only when the answer is certainly the index's; otherwise null, and the
/// caller asks the index, which also has the suggestions a miss needs.
/// </summary>
/// <remarks>
/// The index matches, strongest first: the slug as typed ignoring case, the title's
/// <see cref="ShowTitleKey"/>, the slug of what was typed. Here those are equality lookups, which
/// are the same matches as long as every slug is what <see cref="Slug"/> makes (lowercase ASCII
/// letters, digits and hyphens: ignoring case then only folds ASCII letters of the typed text) and
/// every show has the title_key the importer writes with its title (ShowStore.UpsertAsync). Rows
/// that break either (stored before migrations/0005_show_title_key.sql, keyless since 0014 cleared a
/// key holding a format character, or edited by hand) are
/// looked for first; while there is one, the index answers instead.
/// </remarks>
public sealed class ExactShowLookup(ReviewDatabase database)
{
    /// <summary>The exact match, or null when there is none or when only the index can be sure.</summary>
    public async Task<ShowRecord?> FindAsync(ShowQuery query, CancellationToken cancellationToken)
    {
        // Control characters too: PostgreSQL refuses a NUL in a text parameter (22021), and no slug or
        // title key holds one; the index, asked next, finds whatever such text may still name.
        if (query.Trimmed.Length == 0 || !System.Text.Ascii.IsValid(query.Trimmed)
            || query.Trimmed.AsSpan().IndexOfAnyInRange('\u0000', '\u001F') >= 0 || query.Trimmed.Contains('\u007F', StringComparison.Ordinal))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (await HasIrregularRowsAsync(connection, cancellationToken))
        {
            return null;
        }

        var typedSlug = query.Trimmed.ToLowerInvariant();
        var rows = (await connection.QueryAsync<Row>(
            "SELECT id AS Id, title AS Title, slug AS Slug, title_key AS TitleKey FROM shows WHERE slug = @typedSlug OR title_key = @key OR slug = @slugged",
            new { typedSlug, key = query.TitleKey, slugged = query.Slug, cancellationToken })).ToList();

        if (rows.Find(r => r.Slug == typedSlug) is { } bySlug)
        {
            return bySlug.ToRecord();
        }

        if (rows.Find(r => r.TitleKey == query.TitleKey) is { } byTitle)
        {
            // A key that is not what the title makes today (the key's rules changed, or a hand
            // edit): the index keys titles afresh, so only it knows.
            return ShowTitleKey.From(byTitle.Title) == byTitle.TitleKey ? byTitle.ToRecord() : null;
        }

        return rows.Find(r => r.Slug == query.Slug)?.ToRecord();
    }

    // Both read almost nothing: the NULLs of the title_key index, and the index of irregular slugs
    // (migrations/0011_shows_irregular_slug.sql), which holds only the rows its condition selects and is
    // used only while the condition here is word for word the index's.
    internal const string SqliteIrregularRowsSql =
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM shows WHERE title_key IS NULL) OR EXISTS (SELECT 1 FROM shows WHERE slug GLOB '*[^-a-z0-9]*') THEN 1 ELSE 0 END";

    internal const string PostgreSqlIrregularRowsSql =
        "SELECT CASE WHEN EXISTS (SELECT 1 FROM shows WHERE title_key IS NULL) OR EXISTS (SELECT 1 FROM shows WHERE slug ~ '[^-a-z0-9]') THEN 1 ELSE 0 END";

    /// <summary>A show without a title key, or with a slug <see cref="Slug"/> would not make.</summary>
    private async Task<bool> HasIrregularRowsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var sql = database.Provider == StorageProvider.Sqlite ? SqliteIrregularRowsSql : PostgreSqlIrregularRowsSql;
        var found = await ParameterlessQuery.ReadAsync(connection, sql, r => r.GetInt32(0), cancellationToken);
        return found[0] != 0;
    }

    internal sealed class Row
    {
        public long Id { get; set; }

        public string Title { get; set; } = "";

        public string Slug { get; set; } = "";

        public string? TitleKey { get; set; }

        public ShowRecord ToRecord() => new(Id, Title, Slug);
    }
}
