using Microsoft.Extensions.Time.Testing;
using ReviewBot.Caching;

namespace ReviewBot.Tests.Caching;

public sealed class LeastRecentlyUsedTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void Set_WhenFull_KeepsTheNewEntryAndDropsTheLeastRecentlyUsed()
    {
        var cache = new LeastRecentlyUsed<int, string>(3, TimeSpan.FromHours(1), _time);
        cache.Set(1, "one");
        cache.Set(2, "two");
        cache.Set(3, "three");
        Assert.True(cache.TryGet(1, out _));

        cache.Set(4, "four");

        Assert.True(cache.TryGet(4, out var four));
        Assert.Equal("four", four);
        Assert.True(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(2, out _));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Set_ChargesEachEntryItsCost_AndKeepsNothingCostingMoreThanTheBound()
    {
        var cache = new LeastRecentlyUsed<int, string>(10, TimeSpan.FromHours(1), _time);
        cache.Set(1, "a", cost: 4);
        cache.Set(2, "b", cost: 4);
        cache.Set(3, "c", cost: 4);
        cache.Set(4, "too large", cost: 11);

        Assert.False(cache.TryGet(1, out _));
        Assert.True(cache.TryGet(2, out _));
        Assert.True(cache.TryGet(3, out _));
        Assert.False(cache.TryGet(4, out _));
    }

    [Fact]
    public void TryGet_AnEntryUnusedForLongerThanItsExpiration_IsGone_AndAFindKeepsItAlive()
    {
        var cache = new LeastRecentlyUsed<int, string>(10, TimeSpan.FromMinutes(30), _time);
        cache.Set(1, "read");
        cache.Set(2, "unread");

        _time.Advance(TimeSpan.FromMinutes(20));
        Assert.True(cache.TryGet(1, out _));
        _time.Advance(TimeSpan.FromMinutes(20));

        Assert.True(cache.TryGet(1, out _));
        Assert.False(cache.TryGet(2, out _));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Remove_DropsTheEntryOnlyIfItIsStillTheOneExpected()
    {
        var cache = new LeastRecentlyUsed<int, string>(10, TimeSpan.FromHours(1), _time);
        var first = new string('x', 3);
        var second = new string('y', 3);
        cache.Set(1, first);
        cache.Set(1, second);

        cache.Remove(1, first);
        Assert.True(cache.TryGet(1, out var kept));
        Assert.Same(second, kept);

        cache.Remove(1, second);
        Assert.False(cache.TryGet(1, out _));
    }

    [Fact]
    public void Dropped_IsToldOfEveryValueNoLongerKept_OnceEach_AndNeverOfOneStillKept()
    {
        var dropped = new List<string>();
        var cache = new LeastRecentlyUsed<int, string>(10, TimeSpan.FromMinutes(30), _time, dropped.Add);
        cache.Set(1, "replaced", cost: 2);
        cache.Set(1, "replacing", cost: 2);
        cache.Set(2, "expires", cost: 2);
        cache.Set(3, "removed", cost: 2);
        cache.Remove(3, "removed");
        cache.Set(4, "too large", cost: 11);
        _time.Advance(TimeSpan.FromMinutes(40));
        Assert.False(cache.TryGet(2, out _));
        cache.Set(5, "pushes out the oldest", cost: 9);
        cache.Set(6, "cleared", cost: 1);

        cache.Clear();

        Assert.Equal(["replaced", "removed", "too large", "expires", "replacing", "cleared", "pushes out the oldest"], dropped);
    }
}
