using System.Data.Common;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// Tells the delivery worker's idle poll whether anything was committed to the database since it last
/// looked (<see cref="ReviewDatabase.ChangeMarkerSql"/> on one kept connection: it changes whenever another
/// connection, in this process or another, commits). An idle bot then skips the outbox query.
/// One caller at a time (the delivery worker's loop).
/// </summary>
public sealed class OutboxChangeProbe(ReviewDatabase connections) : IAsyncDisposable
{
    private DbConnection? _connection;
    private DbCommand? _command;
    private long? _seen;

    /// <summary>True on the first call, when the version moved since the last call, or when it cannot be read (look anyway).</summary>
    public async Task<bool> ChangedAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_command is null)
            {
                _connection = await connections.OpenAsync(cancellationToken);
                _command = _connection.CreateCommand();
                _command.CommandText = connections.ChangeMarkerSql;
            }

            var version = Convert.ToInt64(await _command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            var changed = _seen != version;
            _seen = version;
            return changed;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            await DisposeAsync();
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _seen = null;
        if (_command is not null)
        {
            await _command.DisposeAsync();
            _command = null;
        }

        if (_connection is not null)
        {
            await _connection.DisposeAsync();
            _connection = null;
        }
    }
}
