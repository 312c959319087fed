using System.Diagnostics;
using Microsoft.Data.Sqlite;
using ReviewBot.Benchmarks.Data;
using ReviewBot.Core.Storage.Moving;
using ReviewBot.TestSupport;

namespace ReviewBot.Benchmarks.Load;

/// <summary>
/// Where a generated SQLite store is served from: the file itself, or a fresh database in a
/// throwaway PostgreSQL cluster (<see cref="PostgresCluster"/>, as the tests start it) filled by the
/// product's own <see cref="StoreMove"/>, the code behind <c>migrate --to</c>. Disposing stops the
/// cluster and deletes its folder; if this process dies first, the cluster's reaper does.
/// </summary>
public sealed class StoreBackend : IAsyncDisposable
{
    private readonly PostgresCluster? _cluster;

    private StoreBackend(StoreKind kind, PostgresCluster? cluster)
    {
        Kind = kind;
        _cluster = cluster;
    }

    /// <summary>The SQLite file itself; nothing to start or stop.</summary>
    public static StoreBackend File { get; } = new(StoreKind.Sqlite, null);

    public StoreKind Kind { get; }

    /// <summary>How long the last <see cref="PlaceAsync"/> took (the move, for PostgreSQL).</summary>
    public TimeSpan LastPlacement { get; private set; }

    public static async Task<StoreBackend> StartAsync(StoreKind kind) =>
        kind == StoreKind.Sqlite ? File : new StoreBackend(kind, await PostgresCluster.GetAsync());

    /// <summary>The connection string the bot gets for this SQLite file's data: the file, or a new PostgreSQL database holding a copy.</summary>
    public async Task<string> PlaceAsync(string sqlitePath)
    {
        if (_cluster is null)
        {
            return $"Data Source={sqlitePath}";
        }

        var clock = Stopwatch.StartNew();
        var database = await _cluster.CreateDatabaseAsync();
        await using (var core = new CoreServices(sqlitePath))
        {
            var moved = await core.Get<StoreMove>().MoveAsync(database, replace: false, CancellationToken.None);
            if (moved.Outcome != StoreMoveOutcome.Copied)
            {
                throw new InvalidOperationException($"Moving the store into PostgreSQL ended with {moved.Outcome}, not a copy.");
            }
        }

        SqliteConnection.ClearAllPools();
        LastPlacement = clock.Elapsed;
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAsync();
        }
    }
}
