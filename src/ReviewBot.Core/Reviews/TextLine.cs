using System.Buffers;
using System.Text;

namespace ReviewBot.Core.Reviews;

/// <summary>
/// One normalised line read two ways. <see cref="Plain"/> is the line as a reader sees it, without
/// its invisible format characters (the same ones a show's key leaves out): every structural match
/// (keywords, numbers, separators, scores, headings, front matter keys) reads it, so "Epi\u00ADsode 2"
/// is an episode line as surely as it looks like one. <see cref="Text"/> is the line as
/// <see cref="TextLines.Normalise"/> keeps it, and what a scanner hands on for display (a title, a
/// headline, a body line) is cut from it with <see cref="Shown"/>, so a joiner inside an emoji or a
/// direction mark stays where it was written.
/// </summary>
internal sealed class TextLine
{
    /// <summary>For each UTF-16 unit of <see cref="Plain"/>, where it is in <see cref="Text"/>, plus the end; null when the two are the same.</summary>
    private readonly int[]? _at;

    private TextLine(string text, string plain, int[]? at)
    {
        Text = text;
        Plain = plain;
        _at = at;
    }

    /// <summary>The line for display, as normalised.</summary>
    public string Text { get; }

    /// <summary>The line for structure: <see cref="Text"/> without format characters.</summary>
    public string Plain { get; }

    public static TextLine From(string normalised)
    {
        var plain = FormatCharacters.Strip(normalised);
        if (ReferenceEquals(plain, normalised))
        {
            return new TextLine(normalised, normalised, null);
        }

        var at = new int[plain.Length + 1];
        var kept = 0;
        var rest = normalised.AsSpan();
        for (var i = 0; i < rest.Length;)
        {
            // Decoded as FormatCharacters.Strip decodes, so the units kept here are the units it kept.
            var status = Rune.DecodeFromUtf16(rest[i..], out var rune, out var length);
            if (status != OperationStatus.Done || !FormatCharacters.Contains(rune))
            {
                for (var unit = 0; unit < length; unit++)
                {
                    at[kept++] = i + unit;
                }
            }

            i += length;
        }

        at[kept] = normalised.Length;
        return new TextLine(normalised, plain, at);
    }

    /// <summary>
    /// The displayed text of <see cref="Plain"/>'s units <paramref name="start"/> to <paramref name="end"/>,
    /// with the format characters written between them. Of those written directly around them, only
    /// direction controls (an override that opens a title and the pop that closes it) and the tag
    /// characters after the last one belong to the value. A zero-width space, soft hyphen or word joiner
    /// there stands between the value and the separator or keyword beside it, where it joins nothing of
    /// the value: it is left out as <see cref="TextLines.Normalise"/> leaves it out at a line's end, or
    /// "Metallic Rouge\u200B– Season 1" would show a title ending in an invisible character that its
    /// show's key and every other source of that show leave out. Empty for an empty range.
    /// </summary>
    public string Shown(int start, int end)
    {
        if (start >= end)
        {
            return "";
        }

        if (_at is null)
        {
            return Text[start..end];
        }

        var first = _at[start];
        var last = _at[end - 1] + 1;
        var from = start == 0 ? 0 : _at[start - 1] + 1;
        var before = Text.AsSpan(from, first - from);
        var after = Text.AsSpan(last, _at[end] - last);
        if (before.IsEmpty && after.IsEmpty)
        {
            return Text[first..last];
        }

        var shown = new StringBuilder(last - first + before.Length + after.Length);
        AppendKept(shown, before, tags: false);
        shown.Append(Text, first, last - first);
        AppendKept(shown, after, tags: true);
        return shown.ToString();
    }

    /// <summary>The direction controls of a run of format characters beside a value (and, after it, its tag characters).</summary>
    private static void AppendKept(StringBuilder shown, ReadOnlySpan<char> around, bool tags)
    {
        while (!around.IsEmpty)
        {
            var status = Rune.DecodeFromUtf16(around, out var rune, out var length);
            if (status == OperationStatus.Done && (FormatCharacters.IsDirection(rune) || (tags && FormatCharacters.IsTag(rune))))
            {
                shown.Append(around[..length]);
            }

            around = around[length..];
        }
    }

    public override string ToString() => Text;
}
