using Dapper;

namespace ReviewBot.Core.Storage;

/// <summary>
/// The show last asked about per channel, so "/episode 9" after "/review metallic-rouge" means
/// Metallic Rouge. Kept in the database so it survives restarts and works across shards.
/// </summary>
/// <remarks>
/// Asking about the same show again changes nothing, so the upsert then leaves the row alone: a
/// commit that changes no page writes nothing to the log. <c>updated_at</c> is therefore when the
/// channel last moved to this show.
/// </remarks>
public sealed class ChannelContextStore(SqliteConnectionFactory connections, TimeProvider time)
{
    public async Task SetAsync(string channelKey, long showId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO channel_context (channel_key, show_id, updated_at) VALUES (@channelKey, @showId, @now)
            ON CONFLICT (channel_key) DO UPDATE SET show_id = excluded.show_id, updated_at = excluded.updated_at
            WHERE show_id <> excluded.show_id
            """,
            new { channelKey, showId, now = DbTime.Format(time.GetUtcNow()) }, cancellationToken: cancellationToken));
    }

    public async Task<long?> GetShowIdAsync(string channelKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT show_id FROM channel_context WHERE channel_key = @channelKey",
            new { channelKey }, cancellationToken: cancellationToken));
    }
}
