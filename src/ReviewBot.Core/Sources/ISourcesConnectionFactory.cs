using Microsoft.Data.Sqlite;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Hands out a new, unopened connection per call. Minimal on purpose: it stands in for the
/// storage layer's connection factory until the branches merge, and should be unified with it then.
/// </summary>
public interface ISourcesConnectionFactory
{
    SqliteConnection CreateConnection();
}

/// <summary>Connection factory over a plain connection string (e.g. ConnectionStrings:Reviews).</summary>
public sealed class SqliteSourcesConnectionFactory(string connectionString) : ISourcesConnectionFactory
{
    public SqliteConnection CreateConnection() => new(connectionString);
}
