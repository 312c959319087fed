using Microsoft.Extensions.Hosting;

namespace ReviewBot.Http;

/// <summary>
/// The cancellation that HTTP interaction handlers run under. Not the host's "stopping" signal: on
/// SIGTERM Kestrel (the last hosted service to start, so the first to stop) stops accepting and lets
/// the requests in flight finish, so their handlers must keep running. They are cancelled only when
/// the host's shutdown timeout runs out, or once everything has stopped.
/// </summary>
public sealed class HttpInteractionLifetime : IHostedLifecycleService, IDisposable
{
    private readonly CancellationTokenSource _stopped = new();
    private CancellationTokenRegistration _timeout;

    public CancellationToken Stopped => _stopped.Token;

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The token here is the host's shutdown timeout.</summary>
    public Task StoppingAsync(CancellationToken cancellationToken)
    {
        _timeout = cancellationToken.Register(_stopped.Cancel);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _stopped.CancelAsync();

    public void Dispose()
    {
        _timeout.Dispose();
        _stopped.Dispose();
    }
}
