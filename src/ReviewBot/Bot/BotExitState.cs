namespace ReviewBot.Bot;

/// <summary>Why the bot stopped on its own, so the run verb can print one clear message and pick the exit code.</summary>
public sealed class BotExitState
{
    private readonly Lock _lock = new();

    public int? ExitCode { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The first failure wins; later ones are consequences.</summary>
    public void Fail(int exitCode, string message)
    {
        lock (_lock)
        {
            if (ExitCode is null)
            {
                (ExitCode, Message) = (exitCode, message);
            }
        }
    }
}
