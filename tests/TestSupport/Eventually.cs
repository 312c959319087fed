namespace ReviewBot.TestSupport;

/// <summary>
/// Waits for background work a test cannot await directly (a watcher, a poller, a child process that
/// writes its outcome to the database): looks again every few milliseconds, never sleeps a fixed time,
/// and fails with a message once <c>guard</c> has passed or the wait is <c>hopeless</c>. Compiled into
/// the test projects (linked source, not a project).
/// </summary>
internal static class Eventually
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public static Task WaitUntilAsync(Func<bool> condition, TimeSpan guard, Func<string>? failure = null, Func<bool>? hopeless = null) =>
        WaitUntilAsync(() => Task.FromResult(condition()), guard, failure, hopeless);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan guard, Func<string>? failure = null, Func<bool>? hopeless = null)
    {
        var deadline = DateTime.UtcNow + guard;
        while (!await condition())
        {
            if (DateTime.UtcNow >= deadline || hopeless?.Invoke() == true)
            {
                throw new TimeoutException(failure?.Invoke() ?? $"condition not met within {guard}");
            }

            await Task.Delay(Poll);
        }
    }
}
