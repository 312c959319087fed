using System.Diagnostics.Metrics;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>A request carries its url.template enrichment only while something records HttpClient's request duration.</summary>
public sealed class HttpDurationListenersTests
{
    [Fact]
    public void AnyListening_FollowsWhetherTheDurationIsRecorded()
    {
        using var listeners = new HttpDurationListeners();
        using var meter = new Meter("System.Net.Http");
        var duration = meter.CreateHistogram<double>("http.client.request.duration");
        meter.CreateHistogram<double>("http.client.other");

        Assert.False(listeners.AnyListening);

        using (var recorder = new MeterListener())
        {
            recorder.InstrumentPublished = (instrument, listener) =>
            {
                if (ReferenceEquals(instrument, duration))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            recorder.Start();

            Assert.True(listeners.AnyListening);
        }

        Assert.False(listeners.AnyListening);
    }

    [Fact]
    public void AnyListening_OnlyTheRequestDurationOfSystemNetHttpCounts()
    {
        using var listeners = new HttpDurationListeners();
        using var other = new Meter("Elsewhere");
        other.CreateHistogram<double>("http.client.request.duration");
        using var recorder = new MeterListener();
        recorder.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "Elsewhere")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        recorder.Start();

        Assert.False(listeners.AnyListening);
    }
}
