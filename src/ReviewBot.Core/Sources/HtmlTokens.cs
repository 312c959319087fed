using System.Net;

namespace ReviewBot.Core.Sources;

/// <summary>
/// A single forward pass over HTML that sees tags, comments and text the way an HTML parser
/// roughly would, without building a tree. An HTML5 tree builder checks its stack of open elements
/// for most start tags, so its work grows with nesting depth times tag count: 200,000 nested
/// &lt;div&gt;s in one feed item take minutes. <see cref="IsModest"/> tells whether the nesting and
/// attribute counts are small enough to hand the HTML to the tree builder; otherwise
/// <see cref="ToText"/> flattens it to text in this same linear pass.
/// </summary>
internal static class HtmlTokens
{
    /// <summary>Nesting an article never reaches; deeper HTML is flattened instead of parsed.</summary>
    public const int MaxDepth = 256;

    /// <summary>Attributes on one tag; each new one is compared with the ones before it.</summary>
    public const int MaxAttributes = 256;

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr", "param", "keygen",
    };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "template", "svg", "math",
    };

    // Elements whose end tag may be left out: a new one closes the open one.
    private static readonly HashSet<string> SelfEnding = new(StringComparer.Ordinal) { "p", "li", "dt", "dd", "tr", "td", "th", "option" };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer",
        "ul", "ol", "dl", "table", "figure", "hr", "aside", "main", "nav", "address", "details", "summary",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.Ordinal) { "li", "tr", "dt", "dd", "figcaption", "caption", "br" };

    public static bool IsModest(string html)
    {
        var open = new List<string>();
        var modest = true;
        Scan(html, (name, end, attributes) =>
        {
            if (attributes > MaxAttributes)
            {
                modest = false;
                return false;
            }

            if (end)
            {
                // Bounded by MaxDepth: the stack never grows past it.
                var at = open.LastIndexOf(name);
                if (at >= 0)
                {
                    open.RemoveRange(at, open.Count - at);
                }

                return true;
            }

            if (Void.Contains(name) || RawText.Contains(name))
            {
                return true;
            }

            if (open.Count > 0 && (open[^1] == name && SelfEnding.Contains(name) || open[^1] == "p" && Blocks.Contains(name)))
            {
                open.RemoveAt(open.Count - 1);
            }

            open.Add(name);
            modest = open.Count <= MaxDepth;
            return modest;
        }, text: null);
        return modest;
    }

    /// <summary>The text of the HTML with block elements as paragraphs and lines as lines; entities decoded.</summary>
    public static void ToText(string html, Action<string> text, Action lineBreak, Action blankLine) =>
        Scan(html, (name, end, _) =>
        {
            if (Blocks.Contains(name))
            {
                blankLine();
            }
            else if (Lines.Contains(name))
            {
                lineBreak();
            }

            return true;
        }, text);

    /// <summary>Calls <paramref name="tag"/> for each start or end tag (void and raw-text elements are reported once as a start tag) until it returns false.</summary>
    private static void Scan(string html, Func<string, bool, int, bool> tag, Action<string>? text)
    {
        var n = html.Length;
        var i = 0;
        while (i < n)
        {
            var lt = html.IndexOf('<', i);
            var textEnd = lt < 0 ? n : lt;
            if (textEnd > i)
            {
                text?.Invoke(WebUtility.HtmlDecode(html[i..textEnd]));
            }

            if (lt < 0 || lt + 1 >= n)
            {
                return;
            }

            i = lt + 1;
            if (string.CompareOrdinal(html, i, "!--", 0, 3) == 0)
            {
                var close = html.IndexOf("-->", i + 3, StringComparison.Ordinal);
                i = close < 0 ? n : close + 3;
                continue;
            }

            var end = html[i] == '/';
            var nameStart = end ? i + 1 : i;
            if (html[i] is '!' or '?' || nameStart >= n || !char.IsAsciiLetter(html[nameStart]))
            {
                if (html[i] is '!' or '?' || end)
                {
                    var close = html.IndexOf('>', i);
                    i = close < 0 ? n : close + 1;
                }
                else
                {
                    text?.Invoke("<");
                }

                continue;
            }

            var nameEnd = nameStart;
            while (nameEnd < n && (char.IsAsciiLetterOrDigit(html[nameEnd]) || html[nameEnd] is '-' or ':'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            i = SkipAttributes(html, nameEnd, out var attributes);
            if (!tag(name, end, attributes))
            {
                return;
            }

            if (!end && RawText.Contains(name))
            {
                var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
                var after = close < 0 ? -1 : html.IndexOf('>', close);
                i = after < 0 ? n : after + 1;
            }
        }
    }

    /// <summary>From after a tag's name to after its "&gt;", counting attributes and honouring quoted values.</summary>
    private static int SkipAttributes(string html, int i, out int attributes)
    {
        attributes = 0;
        var n = html.Length;
        while (i < n)
        {
            var c = html[i];
            if (c == '>')
            {
                return i + 1;
            }

            if (char.IsWhiteSpace(c) || c == '/')
            {
                i++;
                continue;
            }

            attributes++;
            while (i < n && !char.IsWhiteSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            while (i < n && char.IsWhiteSpace(html[i]))
            {
                i++;
            }

            if (i < n && html[i] == '=')
            {
                i++;
                while (i < n && char.IsWhiteSpace(html[i]))
                {
                    i++;
                }

                if (i < n && html[i] is '"' or '\'')
                {
                    var close = html.IndexOf(html[i], i + 1);
                    i = close < 0 ? n : close + 1;
                }
                else
                {
                    while (i < n && !char.IsWhiteSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }
                }
            }
        }

        return n;
    }
}
