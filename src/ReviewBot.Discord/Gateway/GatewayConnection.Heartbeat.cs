using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway.Payloads;

namespace ReviewBot.Discord.Gateway;

internal sealed partial class GatewayConnection
{
    /// <summary>
    /// Heartbeats (docs: Events, Gateway, "Sending Heartbeats"): the first after interval * jitter (jitter in [0, 1)), then one per
    /// interval. If no ACK came since our previous heartbeat the connection is a zombie: close it
    /// with a non-1000/1001 code (so the Session stays resumable) and return true. Not while the
    /// receive loop is (or was, since the last heartbeat) paused on full queues: the ACK may be
    /// waiting, unread, behind the events the handlers have not taken yet.
    /// </summary>
    private async Task<bool> HeartbeatLoopAsync(TimeSpan interval, CancellationTokenSource connectionCts)
    {
        var cancellationToken = connectionCts.Token;
        await Task.Delay(FirstHeartbeatDelay(interval, shard.NextRandom()), shard.TimeProvider, cancellationToken);
        while (true)
        {
            // Both read every time (no short circuit), so a pause counts for one heartbeat after it ended:
            // the reader then still has to get through the frames that came in meanwhile.
            var readerFellBehind = (Interlocked.Exchange(ref _pausedSinceHeartbeat, 0) == 1) | _readerPaused;
            if (_awaitingAck && readerFellBehind)
            {
                // Keep heartbeating: Discord needs them to keep the Session, whatever we have not read.
                LogAckUnreadWhilePaused(shard.ShardId);
            }
            else if (_awaitingAck)
            {
                LogZombie(shard.ShardId, interval.TotalMilliseconds);
                _zombie = true;
                await CloseQuietlyAsync(GatewayCloseCodes.ZombieConnection, "no heartbeat ACK");
                await connectionCts.CancelAsync();
                return true;
            }

            _awaitingAck = true;
            await SendHeartbeatAsync(cancellationToken);
            await Task.Delay(interval, shard.TimeProvider, cancellationToken);
        }
    }

    /// <summary>interval * jitter in whole milliseconds (timers have millisecond resolution anyway).</summary>
    internal static TimeSpan FirstHeartbeatDelay(TimeSpan interval, double jitter) =>
        TimeSpan.FromMilliseconds(Math.Floor(interval.TotalMilliseconds * jitter));

    /// <summary>
    /// Sends the heartbeat op 1 asks for off the receive loop: the send may wait on the send limiter,
    /// and a burst of op 1 would then stop the loop reading ACKs. A request that comes while the
    /// answer to an earlier one is still on its way is answered by it (it carries the sequence of its
    /// send), so a flood of requests costs a heartbeat at a time, not one each.
    /// </summary>
    private void AnswerHeartbeatRequest(CancellationToken cancellationToken)
    {
        if (_requestedHeartbeat.IsCompleted)
        {
            _requestedHeartbeat = SendRequestedHeartbeatAsync(cancellationToken);
        }
    }

    private async Task SendRequestedHeartbeatAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SendHeartbeatAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or IOException or ObjectDisposedException)
        {
            // A broken socket: the receive loop sees it too and ends the connection.
            _logger.LogDebug(exception, "Shard {ShardId}: requested heartbeat not sent", shard.ShardId);
        }
    }

    private Task SendHeartbeatAsync(CancellationToken cancellationToken)
    {
        Interlocked.Exchange(ref _lastHeartbeatTimestamp, shard.TimeProvider.GetTimestamp());
        return _sender.SendAsync(new GatewayPayload<int?>((int)GatewayOpCode.Heartbeat, session.Sequence), GatewayJsonContext.Default.GatewayPayloadNullableInt32, priority: true, cancellationToken);
    }

    private async Task SendIdentifyOrResumeAsync(CancellationToken cancellationToken)
    {
        if (identifyTurn is null)
        {
            var data = new ResumeData(shard.Token, session.SessionId!, session.Sequence);
            LogResuming(shard.ShardId, data.SessionId, data.Seq);
            await _sender.SendAsync(new GatewayPayload<ResumeData>((int)GatewayOpCode.Resume, data), GatewayJsonContext.Default.GatewayPayloadResumeData, priority: true, cancellationToken);
            return;
        }

        var identify = new IdentifyData(
            shard.Token,
            GatewayOptions.GuildsIntent,
            new IdentifyProperties(GatewayUrls.OperatingSystemName, "reviewbot", "reviewbot"),
            [shard.ShardId, shard.ShardCount]);
        LogIdentifying(shard.ShardId, shard.ShardCount, identify.Intents);
        identifyTurn.Identifying();
        await _sender.SendAsync(new GatewayPayload<IdentifyData>((int)GatewayOpCode.Identify, identify), GatewayJsonContext.Default.GatewayPayloadIdentifyData, priority: true, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId} of {ShardCount}: identifying with intents {Intents}")]
    private partial void LogIdentifying(int shardId, int shardCount, int intents);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: resuming session {SessionId} from sequence {Sequence}")]
    private partial void LogResuming(int shardId, string sessionId, int? sequence);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: READY, session {SessionId}, {GuildCount} guilds")]
    private partial void LogReady(int shardId, string sessionId, int guildCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: RESUMED at sequence {Sequence}")]
    private partial void LogResumed(int shardId, int? sequence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: no heartbeat ACK within {IntervalMs} ms; closing the zombie connection to resume")]
    private partial void LogZombie(int shardId, double intervalMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Shard {ShardId}: Discord asked us to reconnect (op 7)")]
    private partial void LogReconnectRequested(int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: invalid session (op 9), resumable: {Resumable}")]
    private partial void LogInvalidSession(int shardId, bool resumable);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: Hello without a usable heartbeat_interval (whole milliseconds from {MinMs} to {MaxMs}); closing the connection to retry")]
    private partial void LogUnusableHello(int shardId, double minMs, double maxMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: the event queue and the {ReadAhead} events read ahead of it are full; reading paused until handlers catch up")]
    private partial void LogReadingPaused(int shardId, int readAhead);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Shard {ShardId}: no heartbeat ACK read, but reading was paused for the handlers; not a zombie")]
    private partial void LogAckUnreadWhilePaused(int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: a gateway message ran past the {LimitBytes}-byte limit (GatewayOptions.MaxMessageBytes); closing the connection to resume")]
    private partial void LogMessageTooLarge(int shardId, int limitBytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: ignored a second Hello on the same connection")]
    private partial void LogSecondHello(int shardId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: skipped {Count} unreadable frames on the connection that just ended (only the first was logged)")]
    private partial void LogSkippedFrames(int shardId, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Shard {ShardId}: skipped a frame of {Bytes} bytes that is no gateway payload (JSON object with a numeric op)")]
    private partial void LogUnreadableFrame(Exception? exception, int shardId, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shard {ShardId}: gateway closed with {CloseCode}: {Reason}; next: {Action}")]
    private partial void LogClosed(int shardId, int? closeCode, string reason, GatewayCloseAction action);
}
