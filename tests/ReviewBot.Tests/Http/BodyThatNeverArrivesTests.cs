using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Http;
using ReviewBot.Interactions;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>
/// Headers that pass the signature's own checks (128 hex characters, a timestamp of now) cost nothing to
/// forge, so the body behind them is anyone's. One that Kestrel gives up on (larger than allowed and sent
/// in chunks, so no Content-Length refused it up front) gets its 4xx and a line at Information, like any
/// refused request, not an error with a stack trace in the operator's log for each one sent. One that
/// trickles in is cut off at <see cref="InteractionEndpoint.BodyDeadline"/>.
/// </summary>
public sealed class BodyThatNeverArrivesTests
{
    [Fact]
    public async Task ChunkedBodyPastTheLimit_Gets413_AndLogsNoError()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var options = new BotHostOptions { ConfigureServices = s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))) };
        await using var http = await HttpBot.StartAsync(options);
        using var refused = new MetricCollector<long>(http.Bot.Services.GetRequiredService<IMeterFactory>(), InteractionMetrics.MeterName, "reviewbot.http.interactions.refused");
        var address = HttpBot.Address(http.Bot.Services);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var forged = $"X-Signature-Ed25519: {new string('a', 128)}\r\nX-Signature-Timestamp: {InteractionSigner.Timestamp(DateTimeOffset.UtcNow)}\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /interactions HTTP/1.1\r\nHost: {address.Authority}\r\nTransfer-Encoding: chunked\r\n{forged}\r\n"));
        var chunk = new byte[64 * 1024];
        for (var sent = 0; sent <= 1 << 20; sent += chunk.Length)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            await stream.WriteAsync(chunk);
            await stream.WriteAsync("\r\n"u8.ToArray());
        }

        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(BotHost.Timeout);
        var statusLine = await reader.ReadLineAsync(timeout.Token);
        await reader.ReadToEndAsync(timeout.Token);

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
        var records = logs.GetSnapshot();
        Assert.DoesNotContain(records, r => r.Level >= LogLevel.Error);
        Assert.Contains(records, r => r.Category == "ReviewBot.Http.InteractionEndpoint" && r.Level == LogLevel.Information && r.Exception is null && r.Message.Contains("413", StringComparison.Ordinal));
        // Counted where an operator watches refused requests, beside the bad signatures.
        Assert.Equal("BodyTooLarge", Assert.Single(refused.GetMeasurementSnapshot()).Tags["reason"]);
    }

    [Fact]
    public async Task BodyStillArrivingAtTheDeadline_Gets408_WithoutWaitingForKestrelsDataRate()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        var time = new DeadlineWatch(new FakeTimeProvider(DateTimeOffset.UtcNow), InteractionEndpoint.BodyDeadline);
        var options = new BotHostOptions
        {
            ConfigureServices = s =>
            {
                s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs)));
                s.AddSingleton<TimeProvider>(time);
            },
        };
        await using var http = await HttpBot.StartAsync(options);
        var address = HttpBot.Address(http.Bot.Services);
        using var client = new TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        var stream = client.GetStream();
        var forged = $"X-Signature-Ed25519: {new string('a', 128)}\r\nX-Signature-Timestamp: {InteractionSigner.Timestamp(time.GetUtcNow())}\r\n";

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"POST /interactions HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Length: 1000\r\n{forged}\r\n{{"));
        await time.Armed.WaitAsync(BotHost.Timeout);
        time.Fake.Advance(InteractionEndpoint.BodyDeadline);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        using var timeout = new CancellationTokenSource(BotHost.Timeout);
        var statusLine = await reader.ReadLineAsync(timeout.Token);

        Assert.Equal("HTTP/1.1 408 Request Timeout", statusLine);
        // Kestrel's own minimum data rate answers 408 too, but only after seconds and in its own words.
        Assert.Contains(logs.GetSnapshot(), r => r.Category == "ReviewBot.Http.InteractionEndpoint" && r.Level == LogLevel.Information && r.Message.Contains("had not all arrived", StringComparison.Ordinal));
    }

    /// <summary>The bot's clock, a fake one, telling when a timer of <paramref name="due"/> (the body's deadline) is set.</summary>
    private sealed class DeadlineWatch(FakeTimeProvider fake, TimeSpan due) : TimeProvider
    {
        private readonly TaskCompletionSource _armed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FakeTimeProvider Fake => fake;

        public Task Armed => _armed.Task;

        public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

        public override long GetTimestamp() => fake.GetTimestamp();

        public override long TimestampFrequency => fake.TimestampFrequency;

        public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = fake.CreateTimer(callback, state, dueTime, period);
            if (dueTime == due)
            {
                _armed.TrySetResult();
            }

            return timer;
        }
    }
}
