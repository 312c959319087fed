using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core;
using ReviewBot.Core.Storage;

namespace ReviewBot.Cli;

/// <summary>Finds the verb, checks the settings it needs, runs it, and turns failures into exit codes.</summary>
internal sealed class CliDispatcher(
    IEnumerable<ICliVerb> verbs,
    CliConsole console,
    IOptions<SettingKeysCheck> settingKeys,
    IOptions<StorageOptions> storage,
    IOptions<ReviewsOptions> reviews,
    SqliteConnectionFactory connections,
    ILogger<CliDispatcher> logger)
{
    public async Task<int> RunAsync(CliArguments command, CancellationToken cancellationToken)
    {
        var verb = verbs.FirstOrDefault(v => v.Name == command.Verb);
        if (verb is null && CliArguments.HelpWords.Contains(command.Verb))
        {
            // Asked for, so on stdout and no error: the same list a mistyped verb gets.
            await console.Out.WriteLineAsync(Usage(null));
            return ExitCodes.Ok;
        }

        if (verb is null && CliArguments.IsSettingWithoutValue(command.TypedVerb))
        {
            await console.Error.WriteLineAsync(WithoutValue(command.TypedVerb));
            return ExitCodes.Usage;
        }

        if (verb is null)
        {
            await console.Error.WriteLineAsync(Usage($"Unknown verb \"{command.TypedVerb}\"."));
            return ExitCodes.Usage;
        }

        // The same mistake after the verb is caught here, once for every verb, before the verb reads its
        // arguments: each would call the setting an option it does not know and take its value for a
        // path, a feed's address or words of a question.
        if (command.VerbArgs.FirstOrDefault(CliArguments.IsSettingWithoutValue) is { } setting)
        {
            await console.Error.WriteLineAsync($"{command.Verb}: {WithoutValue(setting)}");
            return ExitCodes.Usage;
        }

        try
        {
            // The options every verb needs; reading .Value runs the validators ValidateOnStart would run.
            // Only the run verb starts the host, so for the others ValidateOnStart alone would not.
            // A key that is no setting first: what the other checks would say of its section follows from it.
            _ = settingKeys.Value;
            _ = storage.Value;
            _ = reviews.Value;
            return await verb.RunAsync(command.VerbArgs, cancellationToken);
        }
        catch (OptionsValidationException ex)
        {
            await console.Error.WriteLineAsync("Configuration error: " + string.Join(" ", ex.Failures));
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await console.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Failure;
        }
        catch (Exception ex) when (DatabaseFailure.From(ex, connections.DatabaseFile) is { } database)
        {
            // A database that cannot be used is one line naming the file and what to do; the
            // details go to the log at debug level, never as a stack trace on the console.
            logger.LogDebug(ex, "{Verb} failed on the database", command.Verb);
            await console.Error.WriteLineAsync($"{command.Verb}: {database.Message}");
            return database.IsConfiguration ? ExitCodes.Usage : ExitCodes.Failure;
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "{Verb} failed", command.Verb);
            await console.Error.WriteLineAsync($"{command.Verb} failed: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string WithoutValue(string setting) =>
        $"\"{setting}\" is a setting without a value; write it {setting}=VALUE, after the verb or before it.";

    private string Usage(string? problem) =>
        (problem is null ? "" : problem + Environment.NewLine)
        + "Usage: dotnet run --project src/ReviewBot -- <verb>, one of:" + Environment.NewLine
        + string.Join(Environment.NewLine, verbs.Select(v => "  " + v.Usage));
}
