using Dapper;
using System.Data.Common;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Reviews;

/// <summary>The shows table.</summary>
public sealed class ShowStore(ReviewDatabase connections)
{
    /// <summary>Finds the show by slug or creates it, inside the caller's transaction.</summary>
    public async Task<(ShowRecord Show, bool Created)> UpsertAsync(
        DbConnection connection, DbTransaction transaction, string title, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var slug = Slug.From(title);
        var existing = await connection.QuerySingleOrDefaultAsync<ShowRow>(new CommandDefinition(
            "SELECT id AS Id, title AS Title, slug AS Slug FROM shows WHERE slug = @slug",
            new { slug }, transaction, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            return (existing.ToRecord(), false);
        }

        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO shows (title, slug, created_at, updated_at) VALUES (@title, @slug, @now, @now)
            RETURNING id
            """,
            new { title, slug, now = DbTime.Format(now) }, transaction, cancellationToken: cancellationToken));
        return (new ShowRecord(id, title, slug), true);
    }

    public async Task<IReadOnlyList<ShowRecord>> GetAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ShowRow>(new CommandDefinition(
            "SELECT id AS Id, title AS Title, slug AS Slug FROM shows ORDER BY title",
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<ShowRecord?> GetByIdAsync(long id, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ShowRow>(new CommandDefinition(
            "SELECT id AS Id, title AS Title, slug AS Slug FROM shows WHERE id = @id",
            new { id }, cancellationToken: cancellationToken));
        return row?.ToRecord();
    }

    private sealed class ShowRow
    {
        public long Id { get; set; }

        public string Title { get; set; } = "";

        public string Slug { get; set; } = "";

        public ShowRecord ToRecord() => new(Id, Title, Slug);
    }
}
