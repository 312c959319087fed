using Microsoft.Extensions.Hosting;

namespace ReviewBot.Interactions;

/// <summary>
/// The cancellation that interaction handlers and their answers run under, over the gateway and over
/// HTTP alike. Not the host's "stopping" signal, nor the gateway's: on Ctrl+C or SIGTERM the bot stops
/// taking interactions (the shards close, Kestrel stops accepting), but an interaction already taken
/// is a member waiting for an answer that needs no gateway to arrive (a callback, an edit over the
/// webhook). Cancelled at once, a deferred one stayed "thinking…" until Discord gave up on it, and
/// one not yet deferred got "The application did not respond". So handlers are cancelled only when
/// the host's shutdown timeout runs out, or once everything has stopped.
/// </summary>
public sealed class InteractionLifetime : IHostedLifecycleService, IDisposable
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
