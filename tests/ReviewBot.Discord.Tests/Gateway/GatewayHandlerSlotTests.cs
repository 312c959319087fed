using System.Collections.Concurrent;
using ReviewBot.Discord.Gateway.Events;

namespace ReviewBot.Discord.Tests.Gateway;

/// <summary>
/// A handler slot is given back to the dispatcher's semaphore exactly once, whether the handler lets it
/// go early or only its end does; one more would raise the count above the handlers allowed at once
/// (or throw, with every slot free), and a kept object used again starts held.
/// </summary>
public sealed class GatewayHandlerSlotTests
{
    [Fact]
    public async Task LetGoEarly_ThenTheHandlerEnds_FreesThePlaceOnce_AndTheObjectIsUsedAgainHeld()
    {
        using var slots = new SemaphoreSlim(2, 2);
        var kept = new ConcurrentQueue<GatewayHandlerSlot>();
        await slots.WaitAsync();
        var slot = GatewayHandlerSlot.Taken(slots, kept);

        slot.LetGo();
        Assert.Equal(2, slots.CurrentCount);
        slot.LetGo();
        slot.End();
        Assert.Equal(2, slots.CurrentCount);

        await slots.WaitAsync();
        var again = GatewayHandlerSlot.Taken(slots, kept);
        Assert.Same(slot, again);
        Assert.Equal(1, slots.CurrentCount);
        again.End();
        Assert.Equal(2, slots.CurrentCount);
    }

    [Fact]
    public async Task NeverLetGo_TheHandlersEndFreesThePlace()
    {
        using var slots = new SemaphoreSlim(1, 1);
        var kept = new ConcurrentQueue<GatewayHandlerSlot>();
        await slots.WaitAsync();

        GatewayHandlerSlot.Taken(slots, kept).End();

        Assert.Equal(1, slots.CurrentCount);
        Assert.Single(kept);
    }
}
