using System.Collections.Concurrent;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// Tells a caller when an interaction's callback request has been written to Discord's connection,
/// before Discord answers, so a bot can measure its own latency apart from the round trip, and free
/// what it held for the answer. Watch an interaction id around the callback call; the REST client
/// marks the callback request with that id and <see cref="CallbackWrittenHandler"/> reports it
/// (again for each attempt, if the request is resent).
/// </summary>
public sealed class InteractionCallbackWrites
{
    internal static readonly HttpRequestOptionsKey<Snowflake> RequestOption = new("ReviewBot.Discord.CallbackFor");

    private readonly ConcurrentDictionary<Snowflake, Action> _watched = new();

    /// <summary>Calls <paramref name="written"/> each time a callback for <paramref name="interactionId"/> is written, until disposed.</summary>
    public IDisposable Watch(Snowflake interactionId, Action written)
    {
        _watched[interactionId] = written;
        return new Watching(this, interactionId, written);
    }

    internal Action? Find(Snowflake interactionId) => _watched.GetValueOrDefault(interactionId);

    private sealed class Watching(InteractionCallbackWrites owner, Snowflake interactionId, Action written) : IDisposable
    {
        public void Dispose() => owner._watched.TryRemove(new KeyValuePair<Snowflake, Action>(interactionId, written));
    }
}
