using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Http;

namespace ReviewBot.Tests.Http;

public sealed class SignedBodyTests
{
    [Fact]
    public async Task ReadAsync_ClaimedLengthWithNoBodyYet_BuffersLittleBeforeTheBodyArrives()
    {
        // Headers that pass the signature's own checks cost nothing to forge; the megabyte they claim
        // must not be set aside per connection while the body is waited for.
        var body = new PendingStream();
        var context = new DefaultHttpContext();
        context.Request.ContentLength = InteractionEndpoint.MaxBodyBytes;
        context.Request.Body = body;

        var before = GC.GetAllocatedBytesForCurrentThread();
        var reading = SignedBody.ReadAsync(context.Request, InteractionEndpoint.MaxBodyBytes, InteractionEndpoint.BodyDeadline, TimeProvider.System, CancellationToken.None);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(reading.IsCompleted);
        Assert.InRange(allocated, 0, 64 * 1024);
        body.Finish();
        var read = await reading;
        Assert.NotNull(read.Bytes);
        Assert.Empty(read.Bytes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16 * 1024)]
    [InlineData(16 * 1024 + 1)]
    [InlineData(300_000)]
    [InlineData(InteractionEndpoint.MaxBodyBytes)]
    public async Task ReadAsync_BodyWithinTheLimit_IsReadByteForByte(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        foreach (var declared in new long?[] { length, null })
        {
            var context = new DefaultHttpContext();
            context.Request.ContentLength = declared;
            context.Request.Body = new TricklingStream(bytes);

            Assert.Equal(bytes, (await SignedBody.ReadAsync(context.Request, InteractionEndpoint.MaxBodyBytes, InteractionEndpoint.BodyDeadline, TimeProvider.System, CancellationToken.None)).Bytes);
        }
    }

    [Fact]
    public async Task ReadAsync_BodyPastTheLimit_Is413_WithOrWithoutContentLength()
    {
        var bytes = new byte[InteractionEndpoint.MaxBodyBytes + 1];
        foreach (var declared in new long?[] { bytes.Length, null })
        {
            var context = new DefaultHttpContext();
            context.Request.ContentLength = declared;
            context.Request.Body = new TricklingStream(bytes);

            Assert.Equal(StatusCodes.Status413PayloadTooLarge, (await SignedBody.ReadAsync(context.Request, InteractionEndpoint.MaxBodyBytes, InteractionEndpoint.BodyDeadline, TimeProvider.System, CancellationToken.None)).Status);
        }
    }

    [Fact]
    public async Task ReadAsync_BodyStillTricklingInAtTheDeadline_Is408()
    {
        // Headers that pass the signature's own checks cost nothing to forge, and Kestrel's minimum data
        // rate (240 bytes a second) would let a body of a mebibyte hold its connection for over an hour.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var body = new TrickleThenStall();
        var context = new DefaultHttpContext();
        context.Request.ContentLength = 1000;
        context.Request.Body = body;

        var reading = SignedBody.ReadAsync(context.Request, InteractionEndpoint.MaxBodyBytes, InteractionEndpoint.BodyDeadline, time, CancellationToken.None);
        await body.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        time.Advance(InteractionEndpoint.BodyDeadline - TimeSpan.FromMilliseconds(1));
        Assert.False(reading.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var read = await reading.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Null(read.Bytes);
        Assert.Equal(StatusCodes.Status408RequestTimeout, read.Status);
    }

    [Fact]
    public async Task ReadAsync_RequestAborted_IsNotCalledATimeout()
    {
        var body = new TrickleThenStall();
        var context = new DefaultHttpContext();
        context.Request.Body = body;
        using var aborted = new CancellationTokenSource();

        var reading = SignedBody.ReadAsync(context.Request, InteractionEndpoint.MaxBodyBytes, InteractionEndpoint.BodyDeadline, new FakeTimeProvider(), aborted.Token);
        await body.Stalled.WaitAsync(TimeSpan.FromSeconds(10));
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading);
    }

    /// <summary>A body of which one byte arrives, and then nothing: later reads wait until cancelled.</summary>
    private sealed class TrickleThenStall : BodyStream
    {
        private readonly TaskCompletionSource _stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _sent;

        public Task Stalled => _stalled.Task;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!_sent)
            {
                _sent = true;
                buffer.Span[0] = (byte)'{';
                return 1;
            }

            _stalled.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }
    }

    /// <summary>A body whose first bytes have not arrived: reads wait until <see cref="Finish"/>, then end.</summary>
    private sealed class PendingStream : BodyStream
    {
        private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Finish() => _finished.TrySetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await _finished.Task.WaitAsync(cancellationToken);
            return 0;
        }
    }

    /// <summary>A body that arrives a few odd-sized pieces at a time, as a network delivers it.</summary>
    private sealed class TricklingStream(byte[] bytes) : BodyStream
    {
        private int _position;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var count = Math.Min(Math.Min(buffer.Length, 7_001), bytes.Length - _position);
            bytes.AsMemory(_position, count).CopyTo(buffer);
            _position += count;
            return ValueTask.FromResult(count);
        }
    }

    /// <summary>A request body as the endpoint sees it: read asynchronously, forward only.</summary>
    private abstract class BodyStream : Stream
    {
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
