using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Gateway.Transport;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// One Shard: connects, and after every disconnect decides between Resume (new socket to
/// resume_gateway_url), a fresh Identify (cached gateway URL, max_concurrency respected) or stopping
/// on a fatal close code. Runs until cancelled or fatal.
/// </summary>
internal sealed class GatewayShard(
    GatewayShardContext context,
    Uri gatewayUrl,
    IdentifyGate identifyGate,
    IGatewayTransportFactory transports)
{
    private readonly GatewaySessionState _session = new();

    public int ShardId => context.ShardId;

    public GatewayShardStatus Status =>
        new(ShardId, context.IsReady, _session.SessionId, _session.Sequence, context.HeartbeatLatency, Interlocked.Read(ref context.Reconnects));

    /// <summary>Completes when <paramref name="stopping"/> is cancelled; throws <see cref="GatewayFatalException"/> on a fatal close.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var forwarding = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        var forwarder = context.ForwardReadAheadAsync(forwarding.Token);
        try
        {
            await ConnectLoopAsync(stopping);
        }
        finally
        {
            // Also on a fatal close, where stopping is not cancelled yet: a forwarder waiting on a full
            // queue would otherwise hold the fatal error back until the handlers caught up.
            await forwarding.CancelAsync();
            await forwarder;

            // Events still in the read-ahead when the Shard ends are dropped, not handed on: a stop closed
            // the Session with 1000 (a fatal close ended it), so no Resume follows and the handlers, told
            // to stop, could only start work they must abandon; and handing them on would wait for room
            // the handlers make, so a stuck one would hold the shutdown. Each event either reached the
            // shared queue whole before the end or reaches no handler at all; the count says how many.
            if (context.TakeDropped() is > 0 and var dropped)
            {
                context.Logger.LogWarning("Shard {ShardId}: stopped with {Count} events read but never handed to the handlers", ShardId, dropped);
            }
        }
    }

    private async Task ConnectLoopAsync(CancellationToken stopping)
    {
        var resume = false;
        var resumeThroughGatewayUrl = false;
        var delay = TimeSpan.Zero;
        var first = true;
        while (!stopping.IsCancellationRequested)
        {
            if (!first)
            {
                Interlocked.Increment(ref context.Reconnects);
            }

            first = false;
            if (delay > TimeSpan.Zero)
            {
                context.Logger.LogInformation("Shard {ShardId}: reconnecting in {DelayMs} ms", ShardId, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, context.TimeProvider, stopping);
            }

            IdentifyTurn? identifyTurn = null;
            if (!resume)
            {
                _session.Clear();
                try
                {
                    identifyTurn = await identifyGate.WaitAsync(ShardId, stopping);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    // The turn is shared with the bot's other processes through something that can fail
                    // for a while (the database that keeps it, restarting). That is no reason to end the
                    // Shard, which stops the whole bot: ask again after the reconnect backoff, as after a
                    // connection that failed.
                    context.Logger.LogWarning("Shard {ShardId}: could not take its Identify turn ({Reason})", ShardId, ex.Message);
                    delay = context.Backoff.NextDelay();
                    continue;
                }
            }

            var url = resume ? ResumeUrl(resumeThroughGatewayUrl) : gatewayUrl;
            GatewayConnectionOutcome outcome;
            bool reachedHello;
            using (identifyTurn)
            await using (var transport = transports.Create())
            {
                var connection = new GatewayConnection(context, transport, _session, identifyTurn);
                outcome = await connection.RunAsync(url, stopping);
                reachedHello = connection.ReachedHello;
            }

            if (stopping.IsCancellationRequested)
            {
                return;
            }

            if (outcome.Healthy)
            {
                // A healthy Session: the next reconnect (e.g. after op 7) goes at once.
                context.Backoff.Reset();
            }

            switch (outcome.Action)
            {
                case GatewayCloseAction.Fatal:
                    var fatal = new GatewayFatalException(ShardId, outcome.CloseCode ?? 0, outcome.Reason);
                    context.Logger.LogCritical("Shard {ShardId}: {Message}", ShardId, fatal.Message);
                    throw fatal;
                case GatewayCloseAction.Identify:
                    resume = false;
                    var backoff = context.Backoff.NextDelay();
                    delay = outcome.DelayBeforeIdentify > backoff ? outcome.DelayBeforeIdentify : backoff;
                    break;
                default:
                    // A Session that never became READY cannot be resumed: Identify instead.
                    resume = _session.CanResume;

                    // A Resume that never got a Hello (the resume URL cannot be reached) is tried next through
                    // the other URL, which takes a Resume too: retried on the same URL for ever, it would never
                    // reach Discord's Invalid Session either, and the Shard would stay offline for good.
                    resumeThroughGatewayUrl = resume && (reachedHello ? resumeThroughGatewayUrl : !resumeThroughGatewayUrl);
                    delay = context.Backoff.NextDelay();
                    break;
            }
        }
    }

    /// <summary>
    /// Where to Resume: resume_gateway_url (docs: Events, Gateway, "Resuming"), unless the last try
    /// there never got a Hello or the URL is unfit to carry the token a Resume sends: not a WebSocket,
    /// or unencrypted while the gateway URL is not. Then the gateway URL, where Discord takes a Resume
    /// too, only with more disconnects later.
    /// </summary>
    private Uri ResumeUrl(bool throughGatewayUrl)
    {
        var resumeUrl = _session.ResumeGatewayUrl;
        var fit = resumeUrl is not null
            && (resumeUrl.Scheme == Uri.UriSchemeWss || (resumeUrl.Scheme == Uri.UriSchemeWs && gatewayUrl.Scheme == Uri.UriSchemeWs));
        if (!fit)
        {
            context.Logger.LogWarning("Shard {ShardId}: READY gave no {Scheme}:// resume_gateway_url; resuming through the gateway URL", ShardId, gatewayUrl.Scheme);
        }

        return fit && !throughGatewayUrl ? resumeUrl! : gatewayUrl;
    }
}
