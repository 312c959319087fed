namespace ReviewBot.Tests.Infrastructure;

/// <summary>
/// Checks what the bot sent is Markdown Discord shows as meant: every escape escapes something, every
/// bold, italic, strike, spoiler and code mark is closed, and every masked link is whole.
/// </summary>
public static class MarkdownAssert
{
    public static void WellFormed(string text)
    {
        var open = new Stack<string>();
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                Assert.True(i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && !char.IsWhiteSpace(text[i + 1]) && text[i + 1] < 128,
                    $"a backslash at {i} escapes nothing: …{Around(text, i)}…");
                i++;
                continue;
            }

            if (c is '*' or '_' or '~' or '|')
            {
                var end = i;
                while (end < text.Length && text[end] == c)
                {
                    end++;
                }

                var run = text[i..end];
                if (open.Count > 0 && open.Peek() == run)
                {
                    open.Pop();
                }
                else
                {
                    open.Push(run);
                }

                i = end - 1;
                continue;
            }

            if (c == '`')
            {
                var close = text.IndexOf('`', i + 1);
                Assert.True(close > 0, $"a code span at {i} is never closed: …{Around(text, i)}…");
                i = close;
                continue;
            }

            if (c == '[')
            {
                var middle = text.IndexOf("](", i, StringComparison.Ordinal);
                var close = middle < 0 ? -1 : text.IndexOf(')', middle);
                Assert.True(close > 0, $"a masked link at {i} is cut: …{Around(text, i)}…");
                i = close;
            }
        }

        Assert.True(open.Count == 0, $"marks left open: {string.Join(" ", open)} in …{Around(text, text.Length - 40)}");
    }

    private static string Around(string text, int at)
    {
        var from = Math.Clamp(at - 40, 0, text.Length);
        return text[from..Math.Min(text.Length, from + 80)];
    }
}
