namespace ReviewBot.Bot;

/// <summary>
/// Whether now is the time to give memory back, from successive readings of the bytes allocated so far:
/// when the last interval was quiet (allocated less than <c>quietBelowBytes</c>) and enough was
/// allocated since the last trim (at least <c>minBytesSinceLastTrim</c>) for there to be something to
/// give back. A busy process is never quiet, so it never pays for the blocking collection; one that
/// goes quiet after a burst trims once, then not again until it has allocated enough anew.
/// </summary>
internal sealed class IdleTrimDecision(long quietBelowBytes, long minBytesSinceLastTrim, long firstReading)
{
    private long _previousReading = firstReading;

    /// <summary>Process start: what start-up allocated counts towards the first trim.</summary>
    private long _readingAtLastTrim;

    /// <summary>Takes one reading (one per check interval) and says whether to trim now.</summary>
    /// <param name="allocatedBytes">Bytes allocated since the process started, read now.</param>
    /// <param name="bytesSinceLastTrim">When trimming: the bytes allocated since the last trim (or the process's start).</param>
    public bool IsTimeToTrim(long allocatedBytes, out long bytesSinceLastTrim)
    {
        var quiet = allocatedBytes - _previousReading < quietBelowBytes;
        _previousReading = allocatedBytes;
        bytesSinceLastTrim = allocatedBytes - _readingAtLastTrim;
        if (!quiet || bytesSinceLastTrim < minBytesSinceLastTrim)
        {
            return false;
        }

        _readingAtLastTrim = allocatedBytes;
        return true;
    }
}
