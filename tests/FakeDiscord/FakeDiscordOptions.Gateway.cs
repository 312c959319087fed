namespace FakeDiscord;

/// <summary>Gateway knobs. Tests may change the mutable ones while connections are open.</summary>
public sealed partial class FakeDiscordOptions
{
    /// <summary>heartbeat_interval sent in Hello (Discord sends about 41250).</summary>
    public int HeartbeatIntervalMs { get; set; } = 45_000;

    private volatile bool _ackHeartbeats = true;

    /// <summary>When false the fake stops answering heartbeats with op 11 (zombie simulation). Safe to flip mid-test.</summary>
    public bool AckHeartbeats
    {
        get => _ackHeartbeats;
        set => _ackHeartbeats = value;
    }

    /// <summary>Delay before each frame the fake sends.</summary>
    public TimeSpan GatewayLatency { get; set; } = TimeSpan.Zero;

    /// <summary>Discord's 120 sends per connection per 60 s; one more closes with 4008.</summary>
    public int GatewaySendLimit { get; set; } = 120;

    /// <summary>When set, messages longer than this are sent as several WebSocket frames.</summary>
    public int? GatewayFrameSplitBytes { get; set; }

    private int _sessionStartsRemaining = 1000;

    /// <summary>
    /// The daily session start limit's remaining Identifies, which GET /gateway/bot reports. Each
    /// Identify takes one; an Identify when none is left closes with 4004, as Discord resets the
    /// token then (docs: Events, Gateway, "Session Start Limit"). Safe to change mid-test (a reset).
    /// </summary>
    public int SessionStartsRemaining
    {
        get => Volatile.Read(ref _sessionStartsRemaining);
        set => Volatile.Write(ref _sessionStartsRemaining, value);
    }

    /// <summary>GET /gateway/bot: session_start_limit.reset_after, in milliseconds.</summary>
    public long SessionStartResetAfterMs { get; set; } = 86_400_000;

    /// <summary>Takes one session start; false when none was left.</summary>
    internal bool TryStartSession()
    {
        var seen = SessionStartsRemaining;
        while (seen > 0)
        {
            var before = Interlocked.CompareExchange(ref _sessionStartsRemaining, seen - 1, seen);
            if (before == seen)
            {
                return true;
            }

            seen = before;
        }

        return false;
    }
}
