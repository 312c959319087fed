using System.Collections.Concurrent;

namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// One of the dispatcher's places for an INTERACTION_CREATE handler, held from the handler's start.
/// The dispatcher lets it go when the handler's task ends; a handler whose urgent part is over (its
/// interaction acknowledged) can let it go before that, while it still works or blocks its thread, so
/// the interactions behind it are not kept waiting. Let go once, by whichever comes first. The object
/// is used again for a later handler once this one's task has ended, so it must not be kept past that.
/// </summary>
public sealed class GatewayHandlerSlot
{
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentQueue<GatewayHandlerSlot> _kept;
    private int _letGo;

    private GatewayHandlerSlot(SemaphoreSlim slots, ConcurrentQueue<GatewayHandlerSlot> kept)
    {
        _slots = slots;
        _kept = kept;
    }

    /// <summary>For a place just taken from <paramref name="slots"/>: an object an earlier handler has finished with, else a new one.</summary>
    internal static GatewayHandlerSlot Taken(SemaphoreSlim slots, ConcurrentQueue<GatewayHandlerSlot> kept)
    {
        if (kept.TryDequeue(out var slot))
        {
            Volatile.Write(ref slot._letGo, 0);
            return slot;
        }

        return new GatewayHandlerSlot(slots, kept);
    }

    /// <summary>Frees the place for the next interaction; only while the handler's task has not ended.</summary>
    public void LetGo()
    {
        if (Interlocked.Exchange(ref _letGo, 1) == 0)
        {
            _slots.Release();
        }
    }

    /// <summary>The handler's task has ended: the place is let go if the handler did not, and the object kept for a later handler.</summary>
    internal void End()
    {
        LetGo();
        _kept.Enqueue(this);
    }
}
