using System.Text;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// A list written into a Discord limit as whole items: those that fit are joined in order, and those
/// that do not are counted in a closing "…and N more" instead of being cut. A list cut by length loses
/// its later items and its closing words without a sign that anything is missing; this says how many.
/// </summary>
public static class WholeItems
{
    /// <summary>"…and N more", as every list the bot shortens ends.</summary>
    public static string More(int count) => "…and " + count.ToString(System.Globalization.CultureInfo.InvariantCulture) + " more";

    /// <summary>
    /// <paramref name="prefix"/>, then as many of <paramref name="items"/> as fit, separated by
    /// <paramref name="separator"/>, then <paramref name="more"/> of how many were left out (after one
    /// more separator when any item is shown), then <paramref name="suffix"/>: at most
    /// <paramref name="maxLength"/> characters. Each item must already be within what it may take on
    /// its own (a title shortened to its share); an item is never cut here.
    /// </summary>
    public static string Join(string prefix, IReadOnlyList<string> items, string separator, int maxLength, string suffix = "", Func<int, string>? more = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        more ??= More;
        var text = new StringBuilder(prefix, Math.Min(maxLength, 4096));
        var shown = 0;
        for (; shown < items.Count; shown++)
        {
            var joint = shown == 0 ? 0 : separator.Length;
            var left = items.Count - shown - 1;

            // The item is taken only if what says how many are left after it still fits too.
            var after = left == 0 ? 0 : separator.Length + more(left).Length;
            if (text.Length + joint + items[shown].Length + after + suffix.Length > maxLength)
            {
                break;
            }

            (shown == 0 ? text : text.Append(separator)).Append(items[shown]);
        }

        if (shown < items.Count)
        {
            (shown == 0 ? text : text.Append(separator)).Append(more(items.Count - shown));
        }

        text.Append(suffix);

        // Only a prefix and suffix longer than the limit themselves get here too long: shortened as Markdown.
        return text.Length <= maxLength ? text.ToString() : MarkdownShortener.Shorten(text.ToString(), maxLength);
    }
}
