using System.Collections.Concurrent;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// Tells a caller when an interaction's callback request has been written to Discord's connection,
/// before Discord answers, so a bot can measure its own latency apart from the round trip, and free
/// what it held for the answer. Watch an interaction id around the callback call; the REST client
/// gives the callback request for that id a body that reports when it has been written (again for
/// each attempt, if the request is resent).
/// </summary>
public sealed class InteractionCallbackWrites
{
    private readonly ConcurrentDictionary<Snowflake, ICallbackWritten> _watched = new();

    /// <summary>Calls <paramref name="written"/> each time a callback for <paramref name="interactionId"/> is written, until disposed.</summary>
    public Watching Watch(Snowflake interactionId, Action written) => Watch(interactionId, new WrittenAction(written));

    /// <summary>
    /// The same with an object of the caller's that is told, rather than a delegate made for the watch:
    /// a caller that has one per callback anyway (say, its wait for the write) saves the delegate.
    /// </summary>
    public Watching Watch(Snowflake interactionId, ICallbackWritten written)
    {
        _watched[interactionId] = written;
        return new Watching(this, interactionId, written);
    }

    internal ICallbackWritten? Find(Snowflake interactionId) => _watched.GetValueOrDefault(interactionId);

    /// <summary>A watch until disposed; a struct, since every interaction's callback has one.</summary>
    public readonly struct Watching(InteractionCallbackWrites owner, Snowflake interactionId, ICallbackWritten written) : IDisposable
    {
        public void Dispose() => owner?._watched.TryRemove(new KeyValuePair<Snowflake, ICallbackWritten>(interactionId, written));
    }

    private sealed class WrittenAction(Action written) : ICallbackWritten
    {
        public void Written() => written();
    }
}

/// <summary>Told each time a watched interaction's callback request has been written (see <see cref="InteractionCallbackWrites"/>).</summary>
public interface ICallbackWritten
{
    void Written();
}
