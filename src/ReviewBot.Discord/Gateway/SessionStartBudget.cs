using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// The bot's daily session start limit (docs: Events, Gateway, "Session Start Limit"): every Identify
/// takes one start, a Resume none, and an Identify with none left gets the bot's token reset. Read from
/// GET /gateway/bot at start and counted down here; read again before an Identify when the last read is
/// older than <see cref="ReadAgainAfter"/> (other processes of the same bot draw on the same limit) or
/// when the count says it is spent, and when it is, the Identify waits for <c>reset_after</c>.
/// </summary>
/// <remarks>
/// Without it, a peer answering every Identify with a session it will not resume (op 9, d=false) drew a
/// start per reconnect for as long as it lasted: at the backoff's cap, more a day than Discord allows.
/// </remarks>
public sealed class SessionStartBudget
{
    /// <summary>How old a read of the limit may be before an Identify reads it again; at most one GET a minute.</summary>
    public static readonly TimeSpan ReadAgainAfter = TimeSpan.FromMinutes(1);

    /// <summary>How long to wait before asking again when Discord says none is left but gives no reset time.</summary>
    private static readonly TimeSpan NoResetGiven = TimeSpan.FromMinutes(1);

    private readonly IGatewayBotSource? _source;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private int _total;
    private int _remaining;
    private DateTimeOffset _resetAt;
    private DateTimeOffset _readAt;

    /// <param name="limit">What GET /gateway/bot said at start.</param>
    /// <param name="source">Where to read it again; null to count from <paramref name="limit"/> alone.</param>
    public SessionStartBudget(SessionStartLimit limit, IGatewayBotSource? source, TimeProvider time, ILogger logger)
    {
        _source = source;
        _time = time;
        _logger = logger;
        Take(limit);
    }

    /// <summary>Takes one start for an Identify, waiting for the limit's reset when none is left.</summary>
    public async Task TakeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_time.GetUtcNow() - _readAt >= ReadAgainAfter)
            {
                await ReadAgainAsync(cancellationToken);
            }

            while (_remaining <= 0)
            {
                var wait = _resetAt - _time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    _logger.LogWarning("The daily session start limit is spent; the next Identify waits {WaitMs} ms for it to reset", (long)wait.TotalMilliseconds);
                    await Task.Delay(wait, _time, cancellationToken);
                }

                if (!await ReadAgainAsync(cancellationToken))
                {
                    // Discord could not be asked: the limit has reset to its total by now.
                    _remaining = _total;
                    _resetAt = _time.GetUtcNow() + TimeSpan.FromDays(1);
                }
            }

            _remaining--;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>False when there is no source or it could not be read (the count then stands as it is).</summary>
    private async Task<bool> ReadAgainAsync(CancellationToken cancellationToken)
    {
        if (_source is null)
        {
            return false;
        }

        try
        {
            var bot = await _source.GetGatewayBotAsync(cancellationToken);
            Take(bot.SessionStartLimit);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _logger.LogWarning("Could not read the session start limit again ({Reason}); counting on from the last read", ex.Message);
            _readAt = _time.GetUtcNow();
            return false;
        }
    }

    private void Take(SessionStartLimit limit)
    {
        var now = _time.GetUtcNow();
        _total = Math.Max(1, limit.Total);
        _remaining = limit.Remaining;
        _resetAt = now + (limit.ResetAfter > 0 ? TimeSpan.FromMilliseconds(limit.ResetAfter) : NoResetGiven);
        _readAt = now;
    }
}
