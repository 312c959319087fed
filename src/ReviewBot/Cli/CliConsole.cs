namespace ReviewBot.Cli;

/// <summary>Where verbs print: answers and results to <see cref="Out"/>, problems to <see cref="Error"/>.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);

/// <summary>Exit codes shared by every verb (see docs/architecture.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
}
