using System.Globalization;
using System.Text;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Shortens Markdown the bot wrote (escaped review text around its own marks) to a Discord limit
/// without changing what the part that is kept means. A cut by length alone can fall between an
/// escape's backslash and what it escapes (the backslash then shows, and the "…" after it is no
/// escape), between a bold pair's marks (the rest of the message turns bold, or the marks show), inside a
/// masked link <c>[text](url)</c> or a tag such as <c>&lt;t:1700000000:D&gt;</c> (both then show as
/// raw text), or after a right-to-left override its text left open (the "…" and everything after
/// it read backwards). Here a cut falls only between whole pieces: an escape with what it escapes,
/// a code span, a masked link and a tag are each one piece, and so is a user-perceived character
/// (<see cref="StringInfo"/>); the marks still open where it falls are closed after the "…".
/// What must always be shown (a closing hint line) is passed as <c>keep</c> and is never cut.
/// </summary>
/// <remarks>
/// Every <c>*</c>, <c>_</c>, <c>~</c>, <c>|</c>, <c>`</c>, <c>[</c> and <c>&lt;</c> that
/// <see cref="MarkdownEscaper"/> did not escape is taken as the bot's own mark: review text never
/// reaches a message unescaped. Lengths are UTF-16 code units, never less than what Discord counts.
/// </remarks>
public static class MarkdownShortener
{
    /// <summary>How far a tag's closing '&gt;' may be: Discord's tags (timestamps, channels, roles) are short.</summary>
    private const int LongestTag = 64;

    /// <summary>
    /// <paramref name="markdown"/> trimmed and, when it and <paramref name="keep"/> together are
    /// longer than <paramref name="maxLength"/>, cut at a safe place (a word break when that keeps
    /// most of it), ended in "…" and the closers of what is still open there; then <paramref name="keep"/>.
    /// </summary>
    public static string Shorten(string? markdown, int maxLength, string keep = "")
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        ArgumentNullException.ThrowIfNull(keep);
        var trimmed = (markdown ?? "").Trim();
        if (trimmed.Length + keep.Length <= maxLength)
        {
            return trimmed.Length == 0 ? keep.Trim() : trimmed + keep;
        }

        if (keep.Length >= maxLength)
        {
            // What must be shown is itself over the limit: it is what gets shortened.
            return Shorten(keep, maxLength);
        }

        var room = maxLength - keep.Length;
        var (cut, closers) = SafeCut(trimmed, room);
        var kept = trimmed.AsSpan(0, cut).TrimEnd();
        if (kept.Length == 0)
        {
            return keep.Trim();
        }

        return string.Concat(kept, TextShortener.Ellipsis, closers, keep);
    }

    /// <summary>
    /// The longest prefix of <paramref name="text"/> that ends between pieces and, with "…" and the
    /// closers of what is open there, fits <paramref name="room"/>; the last word break that does
    /// when that keeps more than half of the room. The closers are those of the cut chosen.
    /// </summary>
    private static (int Cut, string Closers) SafeCut(string text, int room)
    {
        var best = 0;
        var bestWord = -1;
        var state = new OpenMarks();
        for (var i = 0; i < text.Length && i + TextShortener.Ellipsis.Length <= room;)
        {
            // A cut before text[i] keeps text[..i], the ellipsis and a closer for everything open.
            // Not right after an opening mark: "**…**" would show nothing of what it opened.
            if (!state.AfterOpener && i + TextShortener.Ellipsis.Length + state.ClosersLength <= room)
            {
                best = i;
                if (char.IsWhiteSpace(text[i]))
                {
                    bestWord = i;
                }
            }

            i += state.Read(text, i);
        }

        var cut = bestWord > room / 2 ? bestWord : best;
        var open = new OpenMarks();
        for (var i = 0; i < cut;)
        {
            i += open.Read(text, i);
        }

        return (cut, open.Closers());
    }

    /// <summary>What is open after the pieces read so far: emphasis runs, and bidirectional embeddings and isolates.</summary>
    private sealed class OpenMarks
    {
        private readonly List<string> _marks = [];
        private readonly Stack<char> _bidi = new();
        private int _marksLength;

        public bool AfterOpener { get; private set; }

        public int ClosersLength => _marksLength + _bidi.Count;

        /// <summary>Reads the piece at <paramref name="i"/> and returns its length.</summary>
        public int Read(string text, int i)
        {
            var length = PieceLength(text, i);
            AfterOpener = false;
            if (length == 0)
            {
                // A run of one emphasis character closes the same run opened last, else opens one.
                var end = i;
                while (end < text.Length && text[end] == text[i])
                {
                    end++;
                }

                length = end - i;
                if (_marks.Count > 0 && _marks[^1].Length == length && _marks[^1][0] == text[i])
                {
                    _marks.RemoveAt(_marks.Count - 1);
                    _marksLength -= length;
                }
                else
                {
                    _marks.Add(text[i..end]);
                    _marksLength += length;
                    AfterOpener = true;
                }
            }

            for (var k = i; k < i + length; k++)
            {
                if (_bidi.Count > 0 || text[k] is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                {
                    BidiClosing.Track(_bidi, text[k]);
                }
            }

            return length;
        }

        /// <summary>The closers, innermost first: the emphasis marks, then the bidirectional controls.</summary>
        public string Closers()
        {
            if (ClosersLength == 0)
            {
                return "";
            }

            var closers = new StringBuilder(ClosersLength);
            for (var m = _marks.Count - 1; m >= 0; m--)
            {
                closers.Append(_marks[m]);
            }

            return BidiClosing.AppendClosers(closers, _bidi).ToString();
        }
    }

    /// <summary>How long the piece starting at <paramref name="i"/> is; 0 for a run of emphasis marks.</summary>
    private static int PieceLength(string text, int i)
    {
        var c = text[i];
        switch (c)
        {
            case '\\' when i + 1 < text.Length:
                return 1 + StringInfo.GetNextTextElementLength(text.AsSpan(i + 1));
            case '*' or '_' or '~' or '|':
                return 0;
            case '`':
                return CodeSpanLength(text, i);
            case '[':
                return MaskedLinkLength(text, i);
            case '<':
                var close = text.AsSpan(i, Math.Min(LongestTag, text.Length - i)).IndexOfAny('>', ' ', '\n');
                return close > 0 && text[i + close] == '>' ? close + 1 : 1;
            default:
                return StringInfo.GetNextTextElementLength(text.AsSpan(i));
        }
    }

    /// <summary>A code span: a run of backticks up to the next run as long; an unmatched run is text.</summary>
    private static int CodeSpanLength(string text, int start)
    {
        var ticks = 0;
        while (start + ticks < text.Length && text[start + ticks] == '`')
        {
            ticks++;
        }

        for (var i = start + ticks; i < text.Length;)
        {
            if (text[i] != '`')
            {
                i++;
                continue;
            }

            var run = 0;
            while (i + run < text.Length && text[i + run] == '`')
            {
                run++;
            }

            if (run == ticks)
            {
                return i + run - start;
            }

            i += run;
        }

        return ticks;
    }

    /// <summary><c>[text](target)</c> as one piece, escapes in its text skipped; a lone '[' is one character.</summary>
    private static int MaskedLinkLength(string text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
                continue;
            }

            if (text[i] == ']')
            {
                if (i + 1 >= text.Length || text[i + 1] != '(')
                {
                    return 1;
                }

                var close = text.IndexOf(')', i + 2);
                return close < 0 ? 1 : close + 1 - start;
            }
        }

        return 1;
    }
}
