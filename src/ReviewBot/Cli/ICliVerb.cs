namespace ReviewBot.Cli;

/// <summary>One command-line verb. Register with <c>services.AddSingleton&lt;ICliVerb, X&gt;()</c>.</summary>
public interface ICliVerb
{
    string Name { get; }

    /// <summary>One line for the usage text, e.g. <c>ask "/review metallic-rouge"</c>.</summary>
    string Usage { get; }

    Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken);
}
