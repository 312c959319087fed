using Microsoft.Extensions.Logging;

namespace ReviewBot.Discord.Rest.RateLimits;

/// <summary>
/// Counts 401, 403 and 429 answers (except 429s with scope "shared") over a sliding 10 minutes.
/// Discord bans the IP for a while at 10,000 of them (docs: Rate Limits, "Invalid Request Limit"),
/// so a warning is logged at every <c>warnEvery</c> (2,500 by default): long before the ban.
/// </summary>
internal sealed class InvalidRequestCounter(TimeProvider time, ILogger logger, int warnEvery = InvalidRequestCounter.DefaultWarnEvery)
{
    public const int DefaultWarnEvery = 2500;
    public const int DiscordLimit = 10_000;

    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly Lock _state = new();
    private readonly Queue<DateTimeOffset> _seen = new();

    public int Count
    {
        get
        {
            lock (_state)
            {
                Prune(time.GetUtcNow());
                return _seen.Count;
            }
        }
    }

    public void Record(int status)
    {
        int count;
        lock (_state)
        {
            var now = time.GetUtcNow();
            Prune(now);
            _seen.Enqueue(now);
            count = _seen.Count;
        }

        if (count % warnEvery == 0)
        {
            logger.LogWarning(
                "{Count} invalid Discord requests (401/403/429) in the last 10 minutes, the latest a {Status}; Discord bans the IP at {Limit}",
                count,
                status,
                DiscordLimit);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        while (_seen.Count > 0 && now - _seen.Peek() >= Window)
        {
            _seen.Dequeue();
        }
    }
}
