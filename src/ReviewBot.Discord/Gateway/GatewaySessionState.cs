namespace ReviewBot.Discord.Gateway;

/// <summary>
/// What a Shard needs to Resume (docs: Events, Gateway, "Resuming"): session_id, resume_gateway_url and the last sequence.
/// Read by the heartbeat loop while the receive loop writes, hence the lock.
/// </summary>
internal sealed class GatewaySessionState
{
    private readonly Lock _lock = new();
    private string? _sessionId;
    private Uri? _resumeGatewayUrl;
    private int? _sequence;

    /// <summary>
    /// A Resume needs the Session and a sequence to continue from (without a resume_gateway_url it goes
    /// through the gateway URL): READY carries the Session's first, and until READY is
    /// in the Shard's queues none is counted, so a connection that ended before that Identifies again
    /// (and gets a READY that reaches the handlers) rather than Resume from nothing.
    /// </summary>
    public bool CanResume
    {
        get { lock (_lock) { return _sessionId is not null && _sequence is not null; } }
    }

    public string? SessionId
    {
        get { lock (_lock) { return _sessionId; } }
    }

    public Uri? ResumeGatewayUrl
    {
        get { lock (_lock) { return _resumeGatewayUrl; } }
    }

    public int? Sequence
    {
        get { lock (_lock) { return _sequence; } }
    }

    /// <summary>Only non-null sequences count (they come on op 0 alone).</summary>
    public void TrackSequence(int? sequence)
    {
        if (sequence is null)
        {
            return;
        }

        lock (_lock)
        {
            _sequence = sequence;
        }
    }

    public void Start(string sessionId, Uri? resumeGatewayUrl)
    {
        lock (_lock)
        {
            _sessionId = sessionId;
            _resumeGatewayUrl = resumeGatewayUrl;
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _sessionId = null;
            _resumeGatewayUrl = null;
            _sequence = null;
        }
    }
}
