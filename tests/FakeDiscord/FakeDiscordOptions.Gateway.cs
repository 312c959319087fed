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
}
