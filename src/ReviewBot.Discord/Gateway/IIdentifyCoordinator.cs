namespace ReviewBot.Discord.Gateway;

/// <summary>
/// Discord's Identify limit belongs to the token, not to a process: each bucket
/// (<c>shard_id % max_concurrency</c>) may Identify once per 5 s across every process that runs
/// Shards of the bot (Discord's Gateway docs, Sharding: max_concurrency). When several processes run
/// slices of the Shards, the host registers a coordinator that they share (through their database);
/// without one, <see cref="IdentifyGate"/> paces this process's Shards only.
/// </summary>
public interface IIdentifyCoordinator
{
    /// <summary>
    /// Returns once this process may Identify in <paramref name="bucket"/> now; the bucket then stays
    /// taken for <paramref name="window"/> for every other process. Throws when the shared place cannot
    /// be asked; the Shard then asks again after its reconnect backoff.
    /// </summary>
    Task TakeTurnAsync(int bucket, TimeSpan window, CancellationToken cancellationToken);
}
