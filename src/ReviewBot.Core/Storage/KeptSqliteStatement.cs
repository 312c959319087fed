using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ReviewBot.Core.Storage;

/// <summary>
/// One SQLite statement prepared once on a connection kept for it, and run through SQLite's C
/// interface (<see cref="SqliteStatements"/>): for reads on an interaction's path, where a command
/// would make a reader, parameters and copies each time. One run at a time uses the statement; a run
/// is as long as reading its row, so the others wait briefly rather than each opening a connection.
/// The reader resets the statement when done, so the connection holds no read snapshot open between
/// runs (that would hold back checkpoints and hide later commits from it). A failed run drops the
/// connection, and the next one starts over on a new one.
/// </summary>
internal sealed class KeptSqliteStatement(ReviewDatabase connections, string sql) : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection; // only touched while holding _gate
    private sqlite3_stmt? _statement;
    private bool _disposed;

    /// <summary>
    /// Runs <paramref name="read"/> on the statement with <paramref name="state"/>: at once, with no state
    /// machine of its own, when the statement is free and prepared; after waiting for it, or preparing
    /// it, otherwise. <paramref name="read"/> binds, steps and resets it.
    /// </summary>
    public ValueTask<TResult> RunAsync<TState, TResult>(
        TState state, Func<SqliteConnection, sqlite3_stmt, TState, TResult> read, CancellationToken cancellationToken)
    {
        // The try below never waits, so it takes no token: one that can be cancelled would be registered for nothing.
        cancellationToken.ThrowIfCancellationRequested();
        if (_gate.Wait(0, CancellationToken.None))
        {
            if (_statement is not null)
            {
                try
                {
                    return new(Run(state, read));
                }
                finally
                {
                    _gate.Release();
                }
            }

            _gate.Release();
        }

        return RunWaitingAsync(state, read, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _disposed = true;
            Drop();
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            Drop();
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<TResult> RunWaitingAsync<TState, TResult>(
        TState state, Func<SqliteConnection, sqlite3_stmt, TState, TResult> read, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Disposed (the host stopping while a late answer still reads): no new connection to leak.
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_statement is null)
            {
                await OpenAsync(cancellationToken);
            }

            return Run(state, read);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Call holding _gate, with the statement prepared.</summary>
    private TResult Run<TState, TResult>(TState state, Func<SqliteConnection, sqlite3_stmt, TState, TResult> read)
    {
        try
        {
            return read(_connection!, _statement!, state);
        }
        catch (SqliteException)
        {
            Drop();
            throw;
        }
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        var connection = await connections.OpenKeptSqliteAsync(cancellationToken);
        try
        {
            _statement = SqliteStatements.Prepare(connection, sql);
            _connection = connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private void Drop()
    {
        _statement?.Dispose();
        _statement = null;
        _connection?.Dispose();
        _connection = null;
    }
}
