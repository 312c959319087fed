using System.Globalization;
using ReviewBot.Core.Answers;
using ReviewBot.Charts;
using ReviewBot.Core;
using ReviewBot.Core.Import;
using ReviewBot.Core.Ratings;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Ratings;
using ReviewBot.Reviews;

namespace ReviewBot.Cli;

/// <summary>
/// <c>ask "/review metallic-rouge"</c>: asks what a Discord user would, through the same queries the
/// Discord commands call, and prints the answer as text. The channel is "cli", so /episode after
/// /review remembers the show between runs, as it would in one Discord channel.
/// </summary>
internal sealed class AskVerb(
    DatabaseInitializer startup,
    ReviewQuery reviews,
    EpisodeQuery episodes,
    SearchQuery search,
    LatestQuery latest,
    CommunityRatingStore ratings,
    ChartCache charts,
    TextRenderer renderer,
    CliConsole console) : ICliVerb
{
    public const string ChannelKey = "cli";

    /// <summary>A terminal shows more results than an embed's five.</summary>
    private const int SearchResults = 10;

    /// <summary>The options of the commands the bot registers, in Discord's order; text options marked "*" (see <see cref="SlashCommandText"/>).</summary>
    private static readonly Dictionary<string, string[]> Commands =
        new ApplicationCommandDefinition[] { ReviewCommand.Command, EpisodeCommand.Command, SearchCommand.Command, LatestCommand.Command, TopCommand.Command }
            .ToDictionary(
                command => command.Name,
                command => (command.Options ?? []).Select(o => o.Type == ApplicationCommandOptionType.String ? o.Name + "*" : o.Name).ToArray());

    public string Name => "ask";

    public string Usage => "ask \"/review metallic-rouge [season:1]\" | \"/episode 9 [show:...] [season:1]\" | \"/search <words>\" | \"/latest\" | \"/top [count]\", and --chart out.png [--force] after /review";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var chart = ChartRequest.Parse(args, out var rest);
        if (chart.Error is { } argumentError)
        {
            return await UsageErrorAsync(argumentError);
        }

        if (chart.Path is { } target && RefusalOf(target, chart.Force) is { } refusal)
        {
            // Checked before the question is asked, so a refused chart costs nothing and prints no answer.
            await console.Error.WriteLineAsync($"ask: no chart written: {refusal}");
            return ExitCodes.Usage;
        }

        var chartPath = chart.Path;
        var (command, error) = SlashCommandText.Parse(string.Join(" ", rest), Commands);
        if (command is null)
        {
            return await UsageErrorAsync(error!);
        }

        if (!TryInt(command, SeasonOption.Name, out var season) || !TryInt(command, EpisodeCommand.NumberOption, out var number) || !TryInt(command, CountOption.Name, out var count))
        {
            return await UsageErrorAsync("season, number and count must be whole numbers of 1 or more");
        }

        await startup.EnsureReadyAsync(cancellationToken);
        var options = command.Options;
        string text;
        switch (command.Name)
        {
            case "review" when options.TryGetValue(ShowChoices.OptionName, out var show) && !string.IsNullOrWhiteSpace(show):
                var answer = await reviews.AskAsync(new ReviewRequest(show, season, ChannelKey), cancellationToken);
                text = renderer.Render(answer);
                if (chartPath is not null)
                {
                    await console.Out.WriteLineAsync(text);
                    return await WriteChartAsync(answer, chartPath, chart.Force, cancellationToken);
                }

                break;
            case "episode" when number is { } n:
                text = renderer.Render(await episodes.AskAsync(
                    new EpisodeRequest(n, options.GetValueOrDefault(ShowChoices.OptionName), season, ChannelKey), cancellationToken));
                break;
            case "search" when options.TryGetValue(SearchCommand.QueryOption, out var query) && !string.IsNullOrWhiteSpace(query):
                text = renderer.Render(query, await search.SearchAsync(query, SearchResults + 1, cancellationToken), SearchResults);
                break;
            case "latest":
                text = renderer.Render(await latest.GetLatestAsync(LatestCommand.Count.Clamp(count), cancellationToken));
                break;
            case "top":
                text = renderer.Render(await ratings.TopAsync(TopCommand.Count.Clamp(count), cancellationToken));
                break;
            default:
                return await UsageErrorAsync($"/{command.Name} needs its first option");
        }

        if (chartPath is not null)
        {
            return await UsageErrorAsync("--chart goes with /review, whose answer has the chart");
        }

        await console.Out.WriteLineAsync(text);
        return ExitCodes.Ok;
    }

    /// <summary>Why the chart cannot go to <paramref name="path"/>, or null when it can be tried.</summary>
    private static string? RefusalOf(string path, bool force)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (Directory.Exists(full))
        {
            return $"{full} is a folder; name a file in it, e.g. {Path.Combine(full, "chart.png")}.";
        }

        if (folder is not null && !Directory.Exists(folder))
        {
            return $"{full}: the folder {folder} does not exist.";
        }

        // A link is replaced itself, never what it leads to; anything else but a file (a FIFO, a socket, a
        // device node such as /dev/null, which root may rename over) is never the chart's to replace.
        var kind = FileProbe.KindOf(full, followLinks: false);
        if (kind is not (FileKind.Missing or FileKind.Unreachable or FileKind.Regular or FileKind.SymbolicLink))
        {
            return $"{full} is {FileProbe.Describe(kind)}, not a file; --force replaces only a file, so name another.";
        }

        return kind is FileKind.Regular or FileKind.SymbolicLink && !force
            ? $"{full} already exists; name another file, or add --force to replace it."
            : null;
    }

    /// <summary>
    /// The same PNG /review attaches on Discord: the stored one, else drawn here and not stored, since ask
    /// only reads the database. Written whole: into a new temporary file of its own beside the target,
    /// then moved into place, replacing a file only with --force; the temporary file never outlives the call.
    /// </summary>
    private async Task<int> WriteChartAsync(ReviewAnswer answer, string path, bool force, CancellationToken cancellationToken)
    {
        if (answer is not ReviewAnswer.Found { Review: var review }
            || (await charts.FindStoredAsync(review.ReviewId, review.Episodes, cancellationToken) ?? charts.DrawUnstored(review.Episodes)) is not { } png)
        {
            await console.Error.WriteLineAsync("ask: no chart written: that answer has no scored episodes to draw.");
            return ExitCodes.Failure;
        }

        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full) ?? full;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Guid.NewGuid():n}.tmp");
        try
        {
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                await file.WriteAsync(png, cancellationToken);
            }

            File.Move(temporary, full, overwrite: force);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            var reason = exception switch
            {
                _ when !force && File.Exists(full) => $"{full} already exists; name another file, or add --force to replace it.",
                DirectoryNotFoundException => $"{full}: the folder {folder} does not exist.",
                UnauthorizedAccessException => $"{full}: permission denied (the folder {folder} cannot be written, or the file cannot be replaced).",
                // The framework's message may name the temporary file, which the user never asked for.
                _ => $"{full}: {exception.Message.Replace(temporary, full, StringComparison.Ordinal)}",
            };
            await console.Error.WriteLineAsync($"ask: no chart written: {reason}");
            return ExitCodes.Failure;
        }
        finally
        {
            DeleteIfLeft(temporary);
        }

        await console.Out.WriteLineAsync($"Chart written to {full} ({png.Length / 1024} KB).");
        return ExitCodes.Ok;
    }

    private static void DeleteIfLeft(string temporary)
    {
        try
        {
            File.Delete(temporary);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Never created (its folder is missing or unwritable), so there is nothing to delete.
        }
    }

    private static bool TryInt(SlashCommandText command, string name, out int? value)
    {
        value = null;
        if (!command.Options.TryGetValue(name, out var text))
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0)
        {
            value = parsed;
            return true;
        }

        return false;
    }

    private async Task<int> UsageErrorAsync(string problem)
    {
        await console.Error.WriteLineAsync($"ask: {problem}. Type e.g.: dotnet run --project src/ReviewBot -- ask \"/review metallic-rouge\" or ask \"/episode 9\"");
        return ExitCodes.Usage;
    }
}
