namespace ReviewBot.Discord.Gateway.Events;

/// <summary>
/// One of the dispatcher's places for an INTERACTION_CREATE handler, held from the handler's start.
/// The dispatcher lets it go when the handler's task ends; a handler whose urgent part is over (its
/// interaction acknowledged) can let it go before that, while it still works or blocks its thread, so
/// the interactions behind it are not kept waiting. Let go once, by whichever comes first.
/// </summary>
public sealed class GatewayHandlerSlot
{
    private readonly SemaphoreSlim _slots;
    private int _letGo;

    internal GatewayHandlerSlot(SemaphoreSlim slots) => _slots = slots;

    public void LetGo()
    {
        if (Interlocked.Exchange(ref _letGo, 1) == 0)
        {
            _slots.Release();
        }
    }
}
