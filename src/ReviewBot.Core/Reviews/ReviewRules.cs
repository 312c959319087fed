using System.Globalization;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// What a review's values may be. Both formats read their values through here, so a file is valid
/// as Markdown exactly when the same review written as a plain article is; the README's "What import
/// accepts and refuses" table lists these rules. Each method answers with the value or with what
/// was wrong, in words that follow "line N:".
/// </summary>
internal static class ReviewRules
{
    public const int MaxShowTitleLength = 500;
    public const int MaxHeadlineLength = 1_000;
    public const int MaxEpisodeTitleLength = 500;
    public const int MaxScale = 100;
    public const int MaxScoreDecimals = 2;

    /// <summary>What every refused score is told to look like.</summary>
    public const string ScoreExpectation = "expected a score from 0 to a whole scale of 1 to 100, with at most two decimals, like 3.5/5 (or N/A for none)";

    /// <summary>
    /// The first character no review may hold, as an error for its line: a control character other
    /// than tab and the line breaks (NUL, an ESC sequence, DEL, the C1 controls), or half a surrogate
    /// pair. None of them is text a reader could see; stored, they make titles that print garbage,
    /// and PostgreSQL refuses NUL and lone surrogates outright, which must not look like a database
    /// failure. Checked before anything else, for every origin.
    /// </summary>
    public static (string Error, int Line)? UnreadableCharacter(string text)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
            else if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if ((char.IsControl(c) && c is not '\t' and not '\r') || char.IsSurrogate(c))
            {
                var what = char.IsSurrogate(c) ? "half a surrogate pair" : "control character";
                return ($"{what} U+{(int)c:X4} at column {i - lineStart + 1}; expected text without control characters (tab and line breaks are fine)", line);
            }
        }

        return null;
    }

    /// <summary>
    /// A show title without the spaces and separators around it ("Gintama –" is "Gintama"). They are
    /// found in the title as it looks (<see cref="TextLine"/>): a direction mark written beyond a
    /// separator would otherwise keep the separator on the title, and the title would be another show.
    /// A title of format characters only is left for <see cref="ShowTitleProblem"/> to name.
    /// </summary>
    public static string CleanShowTitle(string title)
    {
        var line = TextLine.From(title);
        var plain = line.Plain;
        var start = 0;
        var end = plain.Length;
        while (start < end && IsAroundTitle(plain[start]))
        {
            start++;
        }

        while (end > start && IsAroundTitle(plain[end - 1]))
        {
            end--;
        }

        return start < end ? line.Shown(start, end) : plain.All(char.IsWhiteSpace) ? title.Trim() : "";
    }

    private static bool IsAroundTitle(char c) => char.IsWhiteSpace(c) || c is '-' or '–' or '—' or '|' or ':';

    public static string? ShowTitleProblem(string title) =>
        title.Length == 0 ? "the show title is empty; expected the show's name"
        // Invisible characters alone name no show anyone can read or type (an empty autocomplete choice).
        : string.IsNullOrWhiteSpace(FormatCharacters.Strip(title)) ? "the show title has no visible character, only invisible ones (zero-width spaces, direction marks); expected the show's name"
        : title.Length > MaxShowTitleLength ? $"the show title is {title.Length:N0} characters long; expected at most {MaxShowTitleLength}"
        : null;

    /// <summary>
    /// How far past now a publication date may lie: a date without a time is midnight UTC, and "today"
    /// east of Greenwich (up to UTC+14) is already tomorrow's date there.
    /// </summary>
    public static readonly TimeSpan PublishedAheadAllowance = TimeSpan.FromDays(1);

    /// <summary>
    /// A date after today is refused: the latest reviews are ordered by it, so a slip of the year
    /// (2206 for 2026) would keep a review first in /latest until that year, with nothing to say why.
    /// </summary>
    public static string? PublishedProblem(string given, DateTimeOffset published, DateTimeOffset now) =>
        published > now + PublishedAheadAllowance
            ? $"the date \"{Shorten(given)}\" is in the future; expected the day the review was published (today at the latest)"
            : null;

    public static string? HeadlineProblem(string headline) =>
        headline.Length > MaxHeadlineLength ? $"the headline is {headline.Length:N0} characters long; expected at most {MaxHeadlineLength}" : null;

    public static string? EpisodeTitleProblem(int number, string title) =>
        title.Length > MaxEpisodeTitleLength
            ? $"the title of episode {number} is {title.Length:N0} characters long; expected at most {MaxEpisodeTitleLength}"
            : null;

    public static bool TrySeason(string token, out int season, out string? error) =>
        TryWhole(token, "season", ReviewLimits.MaxSeason, out season, out error);

    public static bool TryEpisodeNumber(string token, out int number, out string? error) =>
        TryWhole(token, "episode number", ReviewLimits.MaxEpisodeNumber, out number, out error);

    /// <summary>"6/10", "3.5 / 5", "3,5/5", "8 out of 10"; "N/A" is no score. Anything else is an error: what is wrong, for a message that adds <see cref="ScoreExpectation"/>.</summary>
    public static ScoreValue ParseScore(string text)
    {
        var value = text.Trim();
        if (IsNotRated(value))
        {
            return new ScoreValue(null, NotRated: true, null);
        }

        var slash = value.IndexOf('/', StringComparison.Ordinal);
        var (left, right) = slash >= 0 ? (value[..slash], value[(slash + 1)..]) : SplitOutOf(value);
        if (left is null || right is null || right.Contains('/', StringComparison.Ordinal))
        {
            return new ScoreValue(null, false, $"\"{Shorten(value)}\", which is not a score");
        }

        return TryScore(left.Trim(), right.Trim(), out var score, out var error)
            ? new ScoreValue(score, false, null)
            : new ScoreValue(null, false, error);
    }

    /// <summary>"8 out of 10" as the two sides of "8/10"; nulls when the words are not there.</summary>
    private static (string? Score, string? Scale) SplitOutOf(string value)
    {
        var steps = new ParseSteps();
        for (var i = value.IndexOf(' ', StringComparison.Ordinal); i >= 0; i = value.IndexOf(' ', i + 1))
        {
            if (ScanText.OutOfAt(value, i + 1, steps) is { } after)
            {
                return (value[..i], value[after..]);
            }
        }

        return (null, null);
    }

    /// <summary>"N/A": the writer gives no score on purpose.</summary>
    public static bool IsNotRated(string value) =>
        value.Equals("N/A", StringComparison.OrdinalIgnoreCase) || value.Equals("NA", StringComparison.OrdinalIgnoreCase);

    /// <summary>A score out of a whole scale from 1 to 100, between 0 and the scale, with at most two decimals.</summary>
    public static bool TryScore(string scoreToken, string scaleToken, out Score? score, out string? error)
    {
        score = null;
        var shown = $"{Shorten(scoreToken)}/{Shorten(scaleToken)}";
        if ((scoreToken.Length > 0 && ScanText.IsMinus(scoreToken[0])) || (scaleToken.Length > 0 && ScanText.IsMinus(scaleToken[0])))
        {
            error = $"{shown}, which is negative";
            return false;
        }

        if (!TryDecimal(scoreToken, out var value, out var decimals) || !TryDecimal(scaleToken, out var scale, out _))
        {
            error = HasForeignDigits(scoreToken) || HasForeignDigits(scaleToken)
                ? $"{shown}, which is not written in the digits 0-9"
                : $"{shown}, which is not a score";
            return false;
        }

        if (scale < 1 || scale > MaxScale || scale != Math.Floor(scale))
        {
            error = $"{shown}, which has a scale of {Shorten(scaleToken)}";
            return false;
        }

        if (value > scale)
        {
            error = $"{shown}, which is above its scale";
            return false;
        }

        if (decimals > MaxScoreDecimals)
        {
            error = $"{shown}, which has {decimals} decimals";
            return false;
        }

        score = new Score(value, scale);
        error = null;
        return true;
    }

    /// <summary>
    /// A value quoted in an error: long hostile values are cut to about <paramref name="max"/> characters
    /// so the message stays one readable line. Errors are stored (a feed remembers why it refused an
    /// item) and PostgreSQL refuses half a surrogate pair, so the cut is the shared surrogate-safe one.
    /// </summary>
    public static string Shorten(string text, int max = 40) => Shared.TextShortener.Shorten(text, max + Shared.TextShortener.Ellipsis.Length);

    private static bool TryWhole(string token, string what, int max, out int value, out string? error)
    {
        value = 0;
        if (token.Length > 0 && ScanText.IsMinus(token[0]))
        {
            error = $"{what} {Shorten(token)} is negative; expected 1 to {max:N0}";
            return false;
        }

        if (HasForeignDigits(token))
        {
            error = $"{what} \"{Shorten(token)}\" is not written in the digits 0-9; expected 1 to {max:N0}";
            return false;
        }

        if (token.Length == 0 || !token.All(char.IsAsciiDigit))
        {
            error = $"{what} \"{Shorten(token)}\" is not a number; expected 1 to {max:N0}";
            return false;
        }

        var significant = token.TrimStart('0');
        if (significant.Length > 9 || !int.TryParse(significant.Length == 0 ? "0" : significant, NumberStyles.None, CultureInfo.InvariantCulture, out value)
            || value < 1 || value > max)
        {
            value = 0;
            error = $"{what} {Shorten(token)} is out of range; expected 1 to {max:N0}";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>0-9 digits with at most one decimal point or comma between digits: "3", "3.5", "3,5".</summary>
    private static bool TryDecimal(string token, out double value, out int decimals)
    {
        value = 0;
        decimals = 0;
        var point = token.IndexOfAny(['.', ',']);
        var whole = point < 0 ? token : token[..point];
        var fraction = point < 0 ? "" : token[(point + 1)..];
        if (whole.Length == 0 || whole.Length > 6 || !whole.All(char.IsAsciiDigit)
            || (point >= 0 && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            return false;
        }

        decimals = fraction.TrimEnd('0').Length;
        return double.TryParse(point < 0 ? whole : whole + "." + fraction[..Math.Min(fraction.Length, 9)], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    private static bool HasForeignDigits(string token) => token.Any(c => char.IsDigit(c) && !char.IsAsciiDigit(c));
}

/// <summary>A score as written: a score, "N/A" (no score on purpose), or what was wrong.</summary>
internal readonly record struct ScoreValue(Score? Score, bool NotRated, string? Error);
