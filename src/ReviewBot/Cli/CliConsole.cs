namespace ReviewBot.Cli;

/// <summary>
/// Where verbs print: answers and results to <see cref="Out"/>, problems to <see cref="Error"/>.
/// Both are <see cref="TerminalSafeWriter"/>s, whatever writer was passed in, so nothing a verb
/// prints can steer the terminal.
/// </summary>
public sealed record CliConsole
{
    public CliConsole(TextWriter @out, TextWriter error)
    {
        Out = TerminalSafeWriter.Guard(@out);
        Error = TerminalSafeWriter.Guard(error);
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }
}

