using System.Data.Common;
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
/// that break either (stored before migrations/0005_show_title_key.sql, or edited by hand) are
/// looked for first; while there is one, the index answers instead.
/// </remarks>
public sealed class ExactShowLookup(ReviewDatabase database)
{
    /// <summary>The exact match, or null when there is none or when only the index can be sure.</summary>
    public async Task<ShowRecord?> FindAsync(ShowQuery query, CancellationToken cancellationToken)
    {
        if (query.Trimmed.Length == 0 || !IsAscii(query.Trimmed))
        {
            return null;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        if (await HasIrregularRowsAsync(connection, cancellationToken))
        {
            return null;
        }

        var typedSlug = query.Trimmed.ToLowerInvariant();
        var rows = await CandidatesAsync(connection, typedSlug, query, cancellationToken);

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

    /// <summary>The shows any of the three exact matches could name; at most three, each through a unique index.</summary>
    private static async Task<List<Row>> CandidatesAsync(DbConnection connection, string typedSlug, ShowQuery query, CancellationToken cancellationToken)
    {
        // Plain ADO.NET: written with Dapper, this query left Dapper's runtime reflection reachable and the
        // Native AOT publish failed; three string parameters and four columns need no mapper anyway.
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, title, slug, title_key FROM shows WHERE slug = @typedSlug OR title_key = @key OR slug = @slugged";
        AddParameter(command, "@typedSlug", typedSlug);
        AddParameter(command, "@key", query.TitleKey);
        AddParameter(command, "@slugged", query.Slug);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<Row>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    private static void AddParameter(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A show without a title key, or with a slug <see cref="Slug"/> would not make.</summary>
    private async Task<bool> HasIrregularRowsAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Both are index-only reads: the NULLs of the title_key index and the entries of the slug index.
        var sql = database.Provider == StorageProvider.Sqlite
            ? "SELECT CASE WHEN EXISTS (SELECT 1 FROM shows WHERE title_key IS NULL) OR EXISTS (SELECT 1 FROM shows WHERE slug GLOB '*[^-a-z0-9]*') THEN 1 ELSE 0 END"
            : "SELECT CASE WHEN EXISTS (SELECT 1 FROM shows WHERE title_key IS NULL) OR EXISTS (SELECT 1 FROM shows WHERE slug ~ '[^-a-z0-9]') THEN 1 ELSE 0 END";
        var found = await ParameterlessQuery.ReadAsync(connection, sql, r => r.GetInt32(0), cancellationToken);
        return found[0] != 0;
    }

    private static bool IsAscii(string text)
    {
        foreach (var c in text)
        {
            if (c > '\u007F')
            {
                return false;
            }
        }

        return true;
    }

    private sealed record Row(long Id, string Title, string Slug, string? TitleKey)
    {
        public ShowRecord ToRecord() => new(Id, Title, Slug);
    }
}
