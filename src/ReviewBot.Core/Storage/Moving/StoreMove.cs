using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ReviewBot.Core.Storage.Moving;

/// <summary>How a move ended.</summary>
public enum StoreMoveOutcome
{
    /// <summary>The target was empty (or <c>--force</c> emptied it) and now holds a copy of the source.</summary>
    Copied,

    /// <summary>The target already held exactly the source's rows: nothing was written.</summary>
    AlreadyThere,

    /// <summary>The target holds other data; nothing was written.</summary>
    TargetNotEmpty,
}

/// <param name="Rows">Rows per table in the source (what was copied, or what matched).</param>
public sealed record StoreMoveResult(StoreMoveOutcome Outcome, IReadOnlyDictionary<string, long> Rows, long TargetRows);

/// <summary>
/// Copies every table of the configured database (reviews, episodes, shows, subscriptions,
/// announcements of every status and those withheld by a minimum verdict, community ratings, charts
/// and stored answers, feed state and items, channel context) into a PostgreSQL
/// database, ids included, in one transaction on each side: the source is read from one snapshot,
/// and the target either gets all of it or nothing. Running it again finds the copy already there
/// and writes nothing; a target holding anything else is refused unless the caller forces a
/// replacement. The search index is rebuilt by the target's own triggers.
/// </summary>
public sealed class StoreMove(ReviewDatabase source, DatabaseMigrator sourceMigrator, ILoggerFactory loggers)
{
    /// <summary>Every table of the schema, parents before children, with the key that orders its rows.</summary>
    internal static readonly IReadOnlyList<(string Table, string OrderBy)> Tables =
    [
        ("shows", "id"),
        ("reviews", "id"),
        ("episodes", "id"),
        ("channel_context", "channel_key"),
        ("subscriptions", "id"),
        ("announcements", "id"),
        ("withheld_announcements", "review_id, subscription_id"),
        ("community_ratings", "review_id, user_id"),
        ("review_charts", "review_id"),
        ("review_answers", "review_id, episode"),
        ("feed_state", "url"),
        ("feed_item", "feed_url, item_key"),
    ];

    private static readonly string[] IdentityTables = ["shows", "reviews", "episodes", "subscriptions", "announcements"];

    public async Task<StoreMoveResult> MoveAsync(string targetConnectionString, bool replace, CancellationToken cancellationToken)
    {
        if (StorageTarget.Detect(targetConnectionString, out var error) is not { } provider)
        {
            throw new ArgumentException(error!.Replace("ConnectionStrings:Reviews", "--to", StringComparison.Ordinal));
        }

        if (provider != StorageProvider.PostgreSql)
        {
            throw new ArgumentException("--to must be a PostgreSQL connection string (Host=…;Database=…;Username=…).");
        }

        await sourceMigrator.MigrateAsync(cancellationToken);
        await using var target = new ReviewDatabase(
            Options.Create(new StorageOptions { ConnectionString = targetConnectionString }),
            new SqliteConnectionFactory(Options.Create(new StorageOptions())));
        try
        {
            await new DatabaseMigrator(new SqliteConnectionFactory(Options.Create(new StorageOptions())), target, loggers.CreateLogger<DatabaseMigrator>())
                .MigrateAsync(cancellationToken);
        }
        catch (NewerDatabaseException newer) when (newer.Target is null)
        {
            // Said of the target: without it the refusal would name the configured database, the source.
            throw new NewerDatabaseException(newer.UnknownScripts, Describe(targetConnectionString));
        }

        await using var from = await source.OpenAsync(cancellationToken);
        // One read transaction: every table from the same snapshot (SQLite WAL readers and
        // PostgreSQL's repeatable read both give one).
        await using var read = await from.BeginTransactionAsync(
            source.Provider == StorageProvider.PostgreSql ? System.Data.IsolationLevel.RepeatableRead : System.Data.IsolationLevel.Serializable,
            cancellationToken);
        await using var to = (NpgsqlConnection)await target.OpenAsync(cancellationToken);

        var sourceRows = await CountAsync(from, read, cancellationToken);
        var targetRows = (await CountAsync(to, null, cancellationToken)).Values.Sum();
        if (targetRows > 0)
        {
            if (await FingerprintAsync(from, read, cancellationToken) == await FingerprintAsync(to, null, cancellationToken))
            {
                return new StoreMoveResult(StoreMoveOutcome.AlreadyThere, sourceRows, targetRows);
            }

            if (!replace)
            {
                return new StoreMoveResult(StoreMoveOutcome.TargetNotEmpty, sourceRows, targetRows);
            }
        }

        await using var write = await to.BeginTransactionAsync(cancellationToken);
        if (targetRows > 0)
        {
            await ExecuteAsync(to, $"TRUNCATE {string.Join(", ", Tables.Select(t => t.Table))}, reviews_search RESTART IDENTITY CASCADE", cancellationToken);
        }

        foreach (var (table, orderBy) in Tables)
        {
            await CopyTableAsync(from, read, to, table, orderBy, cancellationToken);
        }

        // Ids were copied as they are: the next generated id must come after the largest one.
        foreach (var table in IdentityTables)
        {
            await ExecuteAsync(to, $"SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)", cancellationToken);
        }

        await write.CommitAsync(cancellationToken);
        return new StoreMoveResult(StoreMoveOutcome.Copied, sourceRows, targetRows);
    }

    /// <summary>A PostgreSQL database by its name and host only: the connection string may carry a password.</summary>
    public static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"PostgreSQL database \"{builder.Database}\" on {builder.Host}";
    }

    private static async Task CopyTableAsync(
        DbConnection from, DbTransaction read, NpgsqlConnection to, string table, string orderBy, CancellationToken cancellationToken)
    {
        await using var select = from.CreateCommand();
        select.Transaction = read;
        // Table and key names come from the constant list above, never from input.
        select.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        // Binary COPY fires the target's row triggers, so the search documents are built as rows arrive.
        await using var import = await to.BeginBinaryImportAsync(
            $"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            await import.StartRowAsync(cancellationToken);
            for (var i = 0; i < columns.Count; i++)
            {
                switch (reader.GetValue(i))
                {
                    case DBNull:
                        await import.WriteNullAsync(cancellationToken);
                        break;
                    case long integer:
                        await import.WriteAsync(integer, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case int integer:
                        await import.WriteAsync((long)integer, NpgsqlTypes.NpgsqlDbType.Bigint, cancellationToken);
                        break;
                    case double real:
                        await import.WriteAsync(real, NpgsqlTypes.NpgsqlDbType.Double, cancellationToken);
                        break;
                    case string text:
                        await import.WriteAsync(text, NpgsqlTypes.NpgsqlDbType.Text, cancellationToken);
                        break;
                    case byte[] bytes:
                        await import.WriteAsync(bytes, NpgsqlTypes.NpgsqlDbType.Bytea, cancellationToken);
                        break;
                    case var other:
                        throw new InvalidOperationException($"{table}.{columns[i]} holds a {other.GetType().Name}, which the schema never stores.");
                }
            }
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static async Task<Dictionary<string, long>> CountAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (table, _) in Tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT COUNT(*) FROM {table}";
            counts[table] = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return counts;
    }

    /// <summary>A hash over every row of every table in key order, equal when both databases hold the same data.</summary>
    private static async Task<string> FingerprintAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (table, orderBy) in Tables)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"SELECT * FROM {table} ORDER BY {orderBy}";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).Order(StringComparer.Ordinal).ToList();
            hash.AppendData(Encoding.UTF8.GetBytes($"\u0001{table}:{string.Join(',', columns)}"));
            while (await reader.ReadAsync(cancellationToken))
            {
                foreach (var column in columns)
                {
                    var value = reader.GetValue(reader.GetOrdinal(column));
                    var text = value switch
                    {
                        DBNull => "\u0002",
                        double real => "d" + real.ToString("R", CultureInfo.InvariantCulture),
                        byte[] bytes => "b" + Convert.ToHexStringLower(bytes),
                        IFormattable number => "n" + number.ToString(null, CultureInfo.InvariantCulture),
                        _ => "s" + value,
                    };
                    hash.AppendData(Encoding.UTF8.GetBytes(text.Length.ToString(CultureInfo.InvariantCulture) + ":" + text));
                }
            }
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
