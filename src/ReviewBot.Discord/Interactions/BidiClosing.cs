using System.Text;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Closes the bidirectional embeddings, overrides and isolates a piece of stored text opens and
/// leaves open. An unclosed RIGHT-TO-LEFT OVERRIDE (U+202E) in a show title reverses everything after
/// it on the line (Unicode's Bidirectional Algorithm, UAX #9, rules X1–X8): the bot's own
/// "— Season 1 · 6/10" would read "01/6 · 1 nosaeS —". Closing what the text opened, in the order it
/// was opened, keeps its own right-to-left words as written and the rest of the line as the bot wrote
/// it; text that opens nothing is left as it is.
/// </summary>
public static class BidiClosing
{
    private const char Pdf = '\u202C';
    private const char Pdi = '\u2069';

    /// <summary><paramref name="text"/> followed by the closers of what it leaves open.</summary>
    public static string Close(string text)
    {
        var open = new Stack<char>();
        Track(open, text);
        if (open.Count == 0)
        {
            return text;
        }

        var closed = new StringBuilder(text, text.Length + open.Count);
        AppendClosers(closed, open);
        return closed.ToString();
    }

    /// <summary>Follows <paramref name="text"/> through the algorithm's explicit levels: what is open after it.</summary>
    public static void Track(Stack<char> open, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            Track(open, c);
        }
    }

    /// <summary>Follows one character (X1–X8): initiators open, PDF closes an embedding, PDI an isolate and what it holds, a paragraph break everything.</summary>
    public static void Track(Stack<char> open, char c)
    {
        switch (c)
        {
            case '\u202A' or '\u202B' or '\u202D' or '\u202E' or '\u2066' or '\u2067' or '\u2068':
                open.Push(c);
                break;
            case Pdf when open.Count > 0 && !IsIsolate(open.Peek()):
                open.Pop(); // X7: a PDF never closes an isolate, nor anything outside one
                break;
            case Pdi when open.Any(IsIsolate):
                while (!IsIsolate(open.Pop()))
                {
                    // X6a: a PDI closes its isolate and every embedding opened inside it
                }

                break;
            case '\n' or '\r' or '\u001C' or '\u001D' or '\u001E' or '\u0085' or '\u2029':
                open.Clear(); // X8: a paragraph ends every embedding and isolate
                break;
        }
    }

    /// <summary>Appends, innermost first, the character that closes each entry of <paramref name="open"/>, and empties it.</summary>
    public static StringBuilder AppendClosers(StringBuilder builder, Stack<char> open)
    {
        while (open.Count > 0)
        {
            builder.Append(IsIsolate(open.Pop()) ? Pdi : Pdf);
        }

        return builder;
    }

    private static bool IsIsolate(char c) => c is '\u2066' or '\u2067' or '\u2068';
}
