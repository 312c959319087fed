using System.Data.Common;

namespace ReviewBot.Core.Storage;

/// <summary>
/// Queries that take no parameters, read without Dapper. Dapper's only way to pass a cancellation
/// token to such a query is its command-definition overload, which Dapper.AOT does not generate
/// code for (the call would fall back to runtime code generation, which Native AOT lacks), and an
/// arguments object whose only member is the token compiles to generated code that ignores it
/// (Dapper.AOT 1.1.0). Here the token reaches the provider's own async calls.
/// </summary>
internal static class ParameterlessQuery
{
    public static async Task<List<T>> ReadAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> readRow, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(readRow(reader));
        }

        return rows;
    }

    /// <summary>Synchronous, for observable gauges, whose callbacks cannot await.</summary>
    public static List<T> Read<T>(DbConnection connection, string sql, Func<DbDataReader, T> readRow)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(readRow(reader));
        }

        return rows;
    }
}
