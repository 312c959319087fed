using System.Diagnostics.Metrics;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// Whether anything records HttpClient's <c>http.client.request.duration</c>, so a request adds its
/// url.template enrichment only then: the enrichment callback is kept in the request's options, a
/// dictionary of its own for every request, which nothing reads when no one records the duration.
/// Watches the instruments as they are published without listening to them itself.
/// </summary>
internal sealed class HttpDurationListeners : IDisposable
{
    private const string MeterName = "System.Net.Http";
    private const string InstrumentName = "http.client.request.duration";

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private Instrument[] _instruments = [];

    public HttpDurationListeners()
    {
        _listener.InstrumentPublished = (instrument, _) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                lock (_lock)
                {
                    _instruments = [.. _instruments, instrument];
                }
            }
        };
        _listener.Start();
    }

    /// <summary>True while some listener records the duration of a request (OpenTelemetry, a MeterListener...).</summary>
    public bool AnyListening
    {
        get
        {
            foreach (var instrument in Volatile.Read(ref _instruments))
            {
                if (instrument.Enabled)
                {
                    return true;
                }
            }

            return false;
        }
    }

    public void Dispose() => _listener.Dispose();
}
