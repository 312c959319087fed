namespace ReviewBot.Cli;

/// <summary>Where verbs print: answers and results to <see cref="Out"/>, problems to <see cref="Error"/>.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error);
