using Dapper;
using System.Data.Common;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Reviews;

/// <summary>The shows table.</summary>
public sealed class ShowStore(ReviewDatabase connections)
{
    /// <summary>
    /// Finds the show with this title (its <see cref="ShowTitleKey"/>) or creates it, inside the
    /// caller's transaction. A new show whose plain slug another show holds gets a hashed suffix
    /// (<see cref="Slug.Disambiguated"/>); a show's slug never changes once it is stored.
    /// </summary>
    public async Task<(ShowRecord Show, bool Created)> UpsertAsync(
        DbConnection connection, DbTransaction transaction, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = ShowTitleKey.From(title);
        var existing = await connection.QuerySingleOrDefaultAsync<ShowRow>(
            "SELECT id AS Id, title AS Title, slug AS Slug FROM shows WHERE title_key = @key",
            new { key, cancellationToken }, transaction);
        if (existing is not null)
        {
            return (existing.ToRecord(), false);
        }

        if (await FindKeylessAsync(connection, transaction, key, cancellationToken) is { } keyless)
        {
            return (keyless, false);
        }

        var slug = Slug.From(title);
        var free = await FreeSlugAsync(connection, transaction, slug, key, cancellationToken);
        var id = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO shows (title, slug, title_key, created_at, updated_at) VALUES (@title, @free, @key, @now, @now)
            RETURNING id
            """,
            new { title, free, key, now = DbTime.Format(now), cancellationToken }, transaction);
        return (new ShowRecord(id, title, free), true);
    }

    /// <summary>The show whose review was stored from this source, if one was.</summary>
    public async Task<ShowRecord?> FindBySourceAsync(
        DbConnection connection, DbTransaction transaction, string sourceKey, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<ShowRow>(
            "SELECT s.id AS Id, s.title AS Title, s.slug AS Slug FROM reviews r JOIN shows s ON s.id = r.show_id WHERE r.source_key = @sourceKey",
            new { sourceKey, cancellationToken }, transaction);
        return row?.ToRecord();
    }

    /// <summary>
    /// The show among those without a key whose title has this key today, its key filled in. Rows are
    /// keyless when stored before keys (migrations/0005_show_title_key.sql) or when a change of the
    /// key's rules cleared the keys it no longer makes (0014, format characters), so their slug says
    /// nothing: a row whose plain slug another show held has a hashed one. Keyless rows are few (none
    /// in a store written since), and the title_key index finds them without reading the others, so
    /// each is keyed here while it is read: after one pass only rows whose key a look-alike holds stay
    /// keyless. Of two look-alikes the first stored takes the key; the other keeps NULL, which the
    /// unique index allows.
    /// </summary>
    private static async Task<ShowRecord?> FindKeylessAsync(
        DbConnection connection, DbTransaction transaction, string key, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<ShowRow>(
            "SELECT id AS Id, title AS Title, slug AS Slug FROM shows WHERE title_key IS NULL ORDER BY id",
            new { cancellationToken }, transaction);
        ShowRecord? found = null;
        foreach (var row in rows)
        {
            if (KeyOf(row.Title) is not { } rowKey)
            {
                continue;
            }

            var keyed = await connection.ExecuteAsync(
                "UPDATE shows SET title_key = @rowKey WHERE id = @id AND NOT EXISTS (SELECT 1 FROM shows WHERE title_key = @rowKey)",
                new { rowKey, id = row.Id, cancellationToken }, transaction);
            if (keyed == 1 && rowKey == key)
            {
                found = row.ToRecord();
            }
        }

        return found;
    }

    /// <summary>A stored title's key, or null for one no import could have stored (text the key cannot normalise).</summary>
    private static string? KeyOf(string title)
    {
        try
        {
            return ShowTitleKey.From(title);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static async Task<string> FreeSlugAsync(
        DbConnection connection, DbTransaction transaction, string slug, string key, CancellationToken cancellationToken)
    {
        var candidate = slug;
        for (var hashLength = 6; hashLength <= 64; hashLength += 2)
        {
            var taken = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM shows WHERE slug = @candidate", new { candidate, cancellationToken }, transaction);
            if (taken == 0)
            {
                return candidate;
            }

            candidate = Slug.Disambiguated(slug, key, hashLength);
        }

        // Every prefix of a SHA-256 up to its whole length taken by another title: not reachable.
        throw new InvalidOperationException($"No free slug for the show \"{key}\".");
    }

    public async Task<IReadOnlyList<ShowRecord>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await ParameterlessQuery.ReadAsync(
            connection,
            "SELECT id, title, slug FROM shows ORDER BY title",
            r => new ShowRecord(r.GetInt64(0), r.GetString(1), r.GetString(2)),
            cancellationToken);
    }

    public async Task<ShowRecord?> GetByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ShowRow>(
            "SELECT id AS Id, title AS Title, slug AS Slug FROM shows WHERE id = @id",
            new { id, cancellationToken });
        return row?.ToRecord();
    }

    internal sealed class ShowRow
    {
        public long Id { get; set; }

        public string Title { get; set; } = "";

        public string Slug { get; set; } = "";

        public ShowRecord ToRecord() => new(Id, Title, Slug);
    }
}
