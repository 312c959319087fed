using System.Text.Json;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway.Events;
using ReviewBot.Discord.Gateway.Payloads;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// One socket's life: Hello, Identify or Resume, the receive loop and the heartbeat loop beside it.
/// Ends with an outcome telling the Shard whether to Resume, Identify again or stop. With an
/// <paramref name="identifyTurn"/> it Identifies (and says so to the turn as it does); without one it Resumes.
/// </summary>
internal sealed partial class GatewayConnection(
    GatewayShardContext shard,
    IGatewayTransport transport,
    GatewaySessionState session,
    IdentifyTurn? identifyTurn)
{
    private readonly GatewaySender _sender = new(transport, new GatewaySendLimiter(shard.TimeProvider));
    private readonly ILogger _logger = shard.Logger;
    private volatile bool _awaitingAck;
    private volatile bool _zombie;
    private volatile bool _helloReceived;
    private volatile bool _readerPaused;
    private int _pausedSinceHeartbeat;
    private bool _pauseLogged;
    private int _skippedFrames;
    private long _lastHeartbeatTimestamp;
    private bool _reachedSession;
    private bool _ackedInSession;
    private Task _requestedHeartbeat = Task.CompletedTask;
    private Task<bool> _heartbeat = Task.FromResult(false);
    private CancellationToken _stopping;
    private CancellationToken _placing;

    /// <summary>A connect that hangs (a black-holed network) counts as a lost connection.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Hello is Discord's first frame; a socket that stays silent this long is treated as a zombie.</summary>
    public static readonly TimeSpan HelloTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long sending our close may take (a peer that stopped reading never takes it) before the socket is dropped.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    /// <summary>How long a stop waits for Discord to answer our close 1000 before dropping the socket.</summary>
    public static readonly TimeSpan CloseEchoWait = TimeSpan.FromSeconds(2);

    public async Task<GatewayConnectionOutcome> RunAsync(Uri url, CancellationToken stopping)
    {
        // Not linked to stopping: on shutdown we first send close 1000, then stop reading (below).
        // Made on the shard's clock so that the CancelAfter of a shutdown counts on it too: a source
        // made without one keeps real time, and a test on a fake clock would wait for real.
        using var connectionCts = new CancellationTokenSource(Timeout.InfiniteTimeSpan, shard.TimeProvider);

        // A wait for room in the read-ahead ends with the connection, or at once on a stop: after a
        // stop the forwarder no longer makes room, and the reader must go on to Discord's echo.
        using var placing = CancellationTokenSource.CreateLinkedTokenSource(connectionCts.Token, stopping);
        _stopping = stopping;
        _placing = placing.Token;
        var shutdown = Task.CompletedTask;
        await using var onStop = stopping.Register(() => shutdown = ShutdownAsync(connectionCts));
        using var helloTimeout = new CancellationTokenSource(HelloTimeout, shard.TimeProvider);
        using var onHelloTimeout = helloTimeout.Token.Register(() => AbandonIfSilent(connectionCts));
        try
        {
            using (var connectTimeout = new CancellationTokenSource(ConnectTimeout, shard.TimeProvider))
            using (var connecting = CancellationTokenSource.CreateLinkedTokenSource(connectionCts.Token, connectTimeout.Token))
            {
                await transport.ConnectAsync(GatewayUrls.WithQuery(url), connecting.Token);
            }

            while (true)
            {
                var received = await transport.ReceiveAsync(connectionCts.Token);
                if (received.IsClose)
                {
                    return Closed(received.CloseCode, received.CloseDescription);
                }

                var outcome = await HandleAsync(received.Message, connectionCts);
                if (outcome is not null)
                {
                    return outcome;
                }
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested && _zombie)
        {
            // The heartbeat loop saw no ACK between two heartbeats: a zombie connection (docs: Events, Gateway, "Sending Heartbeats"). It already
            // closed with a non-1000 code; Resume on a new socket.
            return new GatewayConnectionOutcome(GatewayCloseAction.Resume, GatewayCloseCodes.ZombieConnection, "zombie connection: no heartbeat ACK or no Hello", Healthy);
        }
        catch (GatewayMessageTooLargeException tooLarge) when (!stopping.IsCancellationRequested)
        {
            // The rest of the message is never read; the socket is useless now, the Session is not.
            LogMessageTooLarge(shard.ShardId, tooLarge.LimitBytes);
            await CloseQuietlyAsync(GatewayCloseCodes.MessageTooBig, "message too big");
            return new GatewayConnectionOutcome(GatewayCloseAction.Resume, null, "message over the size limit", Healthy);
        }
        catch (Exception exception) when (!stopping.IsCancellationRequested)
        {
            // A dropped socket (no close frame), a connect timeout or an unreadable frame: the
            // Session stays resumable: only a close with 1000 or 1001 ends it.
            _logger.LogWarning(exception, "Shard {ShardId}: gateway connection lost", shard.ShardId);
            return new GatewayConnectionOutcome(GatewayCloseAction.Resume, null, "connection lost: " + exception.GetType().Name, Healthy);
        }
        finally
        {
            shard.IsReady = false;
            await onStop.DisposeAsync();
            await shutdown;
            await connectionCts.CancelAsync();
            await ObserveHeartbeatAsync(_heartbeat);
            await ObserveHeartbeatAsync(_requestedHeartbeat);
            if (_skippedFrames > 1)
            {
                LogSkippedFrames(shard.ShardId, _skippedFrames);
            }
        }
    }

    /// <summary>Whether Discord's Hello came on this connection: the URL answered as a gateway does.</summary>
    public bool ReachedHello => _helloReceived;

    /// <summary>
    /// Counts a frame skipped as unreadable; true for the connection's first, the only one logged as it
    /// comes (with its reason). A peer sending junk without pause would otherwise write an error, stack
    /// trace and all, per frame; the rest are summed up in one line when the connection ends.
    /// </summary>
    private bool FirstSkippedFrame() => ++_skippedFrames == 1;

    /// <summary>
    /// READY or RESUMED, then a heartbeat acknowledged: a round trip on a working Session. RESUMED alone
    /// is not enough, or a peer sending Reconnect right after each one would be reconnected to at once, for ever.
    /// </summary>
    private bool Healthy => _reachedSession && _ackedInSession;

    private void AbandonIfSilent(CancellationTokenSource connectionCts)
    {
        if (!_helloReceived)
        {
            _logger.LogWarning("Shard {ShardId}: no Hello within {TimeoutSeconds} s; reconnecting", shard.ShardId, HelloTimeout.TotalSeconds);
            _zombie = true;
            connectionCts.Cancel();
        }
    }

    /// <summary>
    /// Closing with 1000 on shutdown ends the Session, so the bot shows offline at once (docs: Events, Gateway, "Disconnecting").
    /// The receive loop keeps reading until Discord echoes the close (or <see cref="CloseEchoWait"/>
    /// passes): cancelling the read at once tore the socket down with frames still unread, which
    /// resets the connection, and the peer could lose the close frame with it.
    /// </summary>
    private async Task ShutdownAsync(CancellationTokenSource connectionCts)
    {
        await CloseQuietlyAsync(1000, "shutting down");
        connectionCts.CancelAfter(CloseEchoWait);
    }

    private async Task<GatewayConnectionOutcome?> HandleAsync(ReadOnlyMemory<byte> message, CancellationTokenSource connectionCts)
    {
        // A frame that is no gateway payload is skipped, not fatal: dropping the connection for it would
        // only Resume, and a dispatch Discord replays on Resume would end that connection too.
        using var document = TryParse(message);
        if (document is null)
        {
            return null;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("op", out var opElement)
            || opElement.ValueKind != JsonValueKind.Number
            || !opElement.TryGetInt32(out var opCode))
        {
            if (FirstSkippedFrame())
            {
                LogUnreadableFrame(null, shard.ShardId, message.Length);
            }

            return null;
        }

        var op = (GatewayOpCode)opCode;
        root.TryGetProperty("d", out var data);
        switch (op)
        {
            case GatewayOpCode.Hello:
                return await HelloAsync(data, connectionCts);
            case GatewayOpCode.Heartbeat:
                // The server asks for a heartbeat now, without waiting for the timer (docs: Events, Gateway, "Sending Heartbeats").
                AnswerHeartbeatRequest(connectionCts.Token);
                return null;
            case GatewayOpCode.HeartbeatAck:
                _awaitingAck = false;
                _ackedInSession |= _reachedSession;
                shard.HeartbeatLatency = shard.TimeProvider.GetElapsedTime(Interlocked.Read(ref _lastHeartbeatTimestamp));
                return null;
            case GatewayOpCode.Reconnect:
                LogReconnectRequested(shard.ShardId);
                await CloseQuietlyAsync(GatewayCloseCodes.Reconnecting, "reconnect requested");
                return new GatewayConnectionOutcome(GatewayCloseAction.Resume, null, "op 7 Reconnect", Healthy);
            case GatewayOpCode.InvalidSession:
                return await InvalidSessionAsync(data.ValueKind == JsonValueKind.True);
            case GatewayOpCode.Dispatch:
                int? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var number) ? number : null;

                // Counted only once the event is in the Shard's queues (or skipped): a Resume continues
                // from this sequence and Discord sends again only what comes after it. An event read while
                // every queue was full, whose wait for room ended with the connection (a zombie closed
                // meanwhile), is not counted, so Discord replays it instead of the Shard losing it.
                if (await DispatchAsync(root.TryGetProperty("t", out var t) ? GatewayEventParser.NameOf(t) : "", data))
                {
                    session.TrackSequence(sequence);
                }

                return null;
            default:
                return null;
        }
    }

    private async Task<GatewayConnectionOutcome?> HelloAsync(JsonElement data, CancellationTokenSource connectionCts)
    {
        if (_helloReceived)
        {
            // A second Hello would start a second heartbeat loop and a second Identify (which Discord
            // answers with 4005); the first one's interval still holds.
            LogSecondHello(shard.ShardId);
            return null;
        }

        _helloReceived = true;
        if (HelloPayload.HeartbeatInterval(data) is not { } interval)
        {
            // Without an interval there is no heartbeat, and Discord drops a silent client; with 0 the
            // loop would call the connection a zombie at once. Either way this socket is no use: close
            // it (not with 1000/1001, so the Session stays resumable) and let the Shard retry with backoff.
            LogUnusableHello(shard.ShardId, HelloPayload.MinHeartbeatInterval.TotalMilliseconds, HelloPayload.MaxHeartbeatInterval.TotalMilliseconds);
            await CloseQuietlyAsync(GatewayCloseCodes.ProtocolError, "unusable Hello");
            return new GatewayConnectionOutcome(GatewayCloseAction.Resume, null, "Hello without a usable heartbeat_interval", Healthy);
        }

        _heartbeat = HeartbeatLoopAsync(interval, connectionCts);
        await SendIdentifyOrResumeAsync(connectionCts.Token);
        return null;
    }

    private JsonDocument? TryParse(ReadOnlyMemory<byte> message)
    {
        try
        {
            return JsonDocument.Parse(message);
        }
        catch (JsonException exception)
        {
            if (FirstSkippedFrame())
            {
                LogUnreadableFrame(exception, shard.ShardId, message.Length);
            }

            return null;
        }
    }

    private async Task<GatewayConnectionOutcome> InvalidSessionAsync(bool resumable)
    {
        LogInvalidSession(shard.ShardId, resumable);
        await CloseQuietlyAsync(GatewayCloseCodes.Reconnecting, "invalid session");
        if (resumable && session.CanResume)
        {
            return new GatewayConnectionOutcome(GatewayCloseAction.Resume, null, "op 9 Invalid Session (resumable)", Healthy);
        }

        // Discord asks for a random wait of 1-5 s before a fresh Identify after op 9 (docs: Events,
        // Gateway Events, "Invalid Session"), so many clients do not reconnect in step.
        var delay = TimeSpan.FromMilliseconds(1000 + (shard.NextRandom() * 4000));
        return new GatewayConnectionOutcome(GatewayCloseAction.Identify, null, "op 9 Invalid Session", Healthy, delay);
    }

    /// <summary>True when the event is in the Shard's queues, or is one the Shard skips; false when it was dropped because the host is stopping.</summary>
    private async Task<bool> DispatchAsync(string eventName, JsonElement data)
    {
        GatewayEvent? gatewayEvent;
        try
        {
            gatewayEvent = GatewayEventParser.Parse(shard.ShardId, eventName, data);
        }
        catch (JsonException exception)
        {
            // One malformed event must not cost the connection; it is logged, not hidden.
            if (FirstSkippedFrame())
            {
                _logger.LogError(exception, "Shard {ShardId}: could not read {EventName}", shard.ShardId, eventName);
            }

            return true;
        }

        switch (gatewayEvent)
        {
            case ReadyEvent ready:
                session.Start(ready.SessionId, ResumeUrlOf(data));
                _reachedSession = true;
                shard.IsReady = true;
                LogReady(shard.ShardId, ready.SessionId, ready.Guilds.Count);
                break;
            case ResumedEvent:
                _reachedSession = true;
                shard.IsReady = true;
                LogResumed(shard.ShardId, session.Sequence);
                break;
            case null:
                return true;
        }

        if (_stopping.IsCancellationRequested)
        {
            // Read while we wait for Discord's echo of our close 1000: that close ended the Session and the
            // handlers are told to stop, so it goes to no one, like what waits in the read-ahead (see GatewayShard.RunAsync).
            shard.CountDropped();
            return false;
        }

        if (shard.TryQueue(gatewayEvent))
        {
            _pauseLogged = false;
            return true;
        }

        // Every queue is full: stop reading until the handlers take one (back-pressure, so memory stays
        // bounded). ACKs behind this event go unread meanwhile, which the heartbeat loop must know.
        // Logged once until the queues have room again, not for each event of a long backlog.
        if (!_pauseLogged)
        {
            _pauseLogged = true;
            LogReadingPaused(shard.ShardId, shard.ReadAheadCapacity);
        }

        _readerPaused = true;
        Interlocked.Exchange(ref _pausedSinceHeartbeat, 1);
        try
        {
            await shard.ReadAheadAsync(gatewayEvent, _placing);
            return true;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // The stop ended the wait: the event goes to no one, and reading goes on to Discord's echo.
            shard.CountDropped();
            return false;
        }
        finally
        {
            _readerPaused = false;
        }
    }

    /// <summary>READY's resume_gateway_url when it is an absolute URL; otherwise null, and the Shard Resumes through the gateway URL.</summary>
    private static Uri? ResumeUrlOf(JsonElement ready) =>
        ready.TryGetProperty("resume_gateway_url", out var value)
        && value.ValueKind == JsonValueKind.String
        && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var url)
            ? url
            : null;

    private GatewayConnectionOutcome Closed(int? code, string? description)
    {
        var action = GatewayCloseCodes.Classify(code);
        var reason = $"{GatewayCloseCodes.Describe(code)} ({description})";
        LogClosed(shard.ShardId, code, reason, action);
        return new GatewayConnectionOutcome(action, code, reason, Healthy);
    }

    private async Task CloseQuietlyAsync(int code, string reason)
    {
        using var timeout = new CancellationTokenSource(CloseTimeout, shard.TimeProvider);
        try
        {
            await transport.CloseAsync(code, reason, timeout.Token);
        }
        catch (Exception exception) when (exception is System.Net.WebSockets.WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The socket is being abandoned anyway; a failed close changes nothing, but say so.
            _logger.LogDebug(exception, "Shard {ShardId}: close {CloseCode} not delivered", shard.ShardId, code);
        }
    }

    private async Task ObserveHeartbeatAsync(Task heartbeat)
    {
        try
        {
            await heartbeat;
        }
        catch (OperationCanceledException)
        {
            // Expected: the connection ended and took the heartbeat loop with it.
        }
        catch (Exception exception)
        {
            _logger.LogWarning(exception, "Shard {ShardId}: heartbeat loop failed", shard.ShardId);
        }
    }
}
