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

    // Elements whose content the tokenizer reads as text up to the matching end tag, in HTML.
    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
    };

    // Inside <select> the tree builder ignores most start tags, these among them, and then parses
    // what follows as markup; only these still switch the tokenizer to text there.
    private static readonly HashSet<string> RawTextInSelect = new(StringComparer.Ordinal) { "script", "style", "textarea" };

    // Content that is no reading text: dropped when flattening. The tree builder parses it as
    // markup all the same (template contents, noscript without scripting, SVG and MathML), so the
    // nesting inside it counts.
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal) { "noscript", "template", "svg", "math" };

    // Elements whose end tag may be left out: a new one closes the open one.
    private static readonly HashSet<string> SelfEnding = new(StringComparer.Ordinal) { "p", "li", "dt", "dd", "tr", "td", "th", "option" };

    private static readonly HashSet<string> Blocks = new(StringComparer.Ordinal)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer",
        "ul", "ol", "dl", "table", "figure", "hr", "aside", "main", "nav", "address", "details", "summary",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.Ordinal) { "li", "tr", "dt", "dd", "figcaption", "caption", "br" };

    // Formatting elements: closed by another element's end tag, the tree builder keeps them in a
    // list and opens copies of them again before the next text or tag.
    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    // An end tag does not close an element past one of these ("has an element in scope").
    private static readonly HashSet<string> ScopeBoundaries = new(StringComparer.Ordinal)
    {
        "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
        "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc", "title", "svg", "math",
    };

    // End tags of these close whatever is open inside them, up to a scope boundary.
    private static readonly HashSet<string> ScopedClosers = new(StringComparer.Ordinal)
    {
        "address", "article", "aside", "blockquote", "button", "center", "details", "dialog", "dir", "div", "dl",
        "fieldset", "figcaption", "figure", "footer", "header", "hgroup", "listing", "main", "menu", "nav", "ol",
        "pre", "search", "section", "summary", "ul", "li", "dd", "dt", "p", "h1", "h2", "h3", "h4", "h5", "h6",
        "applet", "marquee", "object",
    };

    // Table parts that a table's end tags close without their own.
    private static readonly HashSet<string> TableParts = new(StringComparer.Ordinal) { "tbody", "thead", "tfoot", "tr", "td", "th" };

    private static readonly HashSet<string> TableClosers = new(StringComparer.Ordinal) { "table", "tbody", "thead", "tfoot", "tr", "td", "th", "caption" };

    // The "special" elements: any other end tag is ignored when one of them is open inside its element.
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br",
        "button", "caption", "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed",
        "fieldset", "figcaption", "figure", "footer", "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6",
        "head", "header", "hgroup", "hr", "html", "iframe", "img", "input", "keygen", "li", "link", "listing", "main",
        "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript", "object", "ol", "p", "param", "plaintext",
        "pre", "script", "search", "section", "select", "source", "style", "summary", "table", "tbody", "td",
        "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
        "mi", "mo", "mn", "ms", "mtext", "annotation-xml", "foreignobject", "desc",
    };

    /// <summary>
    /// Whether the tree builder's stack of open elements stays within <see cref="MaxDepth"/> and no
    /// tag has more than <see cref="MaxAttributes"/> attributes. The stack is estimated from above:
    /// where the tree builder might keep an element open, this keeps it too, so hostile markup errs
    /// towards flattening, while ordinary articles (closed or self-ending elements) stay shallow.
    /// </summary>
    public static bool IsModest(string html)
    {
        var open = new List<string>();
        var modest = true;
        var foreign = false;
        var select = false;
        Scan(html, (name, end, attributes) =>
        {
            if (attributes > MaxAttributes)
            {
                modest = false;
                return false;
            }

            if (end)
            {
                Close(open, name);
                return true;
            }

            if (Void.Contains(name) || name is "html" or "head" or "body")
            {
                // <html>, <head> and <body> inside a document only add attributes to the open ones.
                return true;
            }

            foreign |= name is "svg" or "math";
            select |= name == "select";
            if (RawTextHere(name))
            {
                // Opened and closed at once: its content is text up to its end tag.
                return true;
            }

            // In SVG and MathML a <p> or <li> is a child like any other, not the end of the open one.
            if (!foreign && open.Count > 0 && (open[^1] == name && SelfEnding.Contains(name) || open[^1] == "p" && Blocks.Contains(name)))
            {
                open.RemoveAt(open.Count - 1);
            }

            open.Add(name);
            modest = open.Count <= MaxDepth;
            return modest;
        }, text: null, rawText: RawTextHere);
        return modest;

        // Once SVG or MathML has begun, <style> or <title> may be foreign elements with markup
        // inside; nothing is skipped as text from then on.
        bool RawTextHere(string name) => !foreign && (select ? RawTextInSelect : RawText).Contains(name);
    }

    /// <summary>
    /// The href of the first &lt;link rel="alternate"&gt; to an RSS or Atom feed in the page's head,
    /// or null. One pass over the tags up to the body; nothing is built.
    /// </summary>
    public static string? AdvertisedFeed(string html)
    {
        string? href = null;
        var values = new List<KeyValuePair<string, string>>();
        Scan(html, (name, end, _) =>
        {
            if (name == "body" && !end || name == "head" && end)
            {
                return false;
            }

            if (name != "link" || end)
            {
                return true;
            }

            // As the tokenizer does, the first of repeated attributes counts.
            string? Value(string attribute) => values.FirstOrDefault(v => v.Key == attribute).Value;
            var rel = Value("rel")?.Split([' ', '\t', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (rel.Contains("alternate", StringComparer.OrdinalIgnoreCase)
                && Value("type")?.Trim().ToLowerInvariant() is "application/rss+xml" or "application/atom+xml"
                && Value("href") is { } value)
            {
                href = value.Trim();
                return false;
            }

            return true;
        }, text: null, rawText: name => RawText.Contains(name) || Hidden.Contains(name), values);
        return href;
    }

    /// <summary>
    /// An end tag closes its element only where the tree builder would: not past a scope boundary,
    /// and for most elements not past a special element either. Formatting elements it closes on the
    /// way stay open, as the tree builder reopens them.
    /// </summary>
    private static void Close(List<string> open, string name)
    {
        if (name is "html" or "body" or "head" or "br")
        {
            // The tree builder closes none of these here (</br> even opens a <br>).
            return;
        }

        // The stack never grows past MaxDepth + 1, so each end tag costs at most that much.
        var at = open.LastIndexOf(name);
        if (at < 0)
        {
            return;
        }

        var scoped = ScopedClosers.Contains(name);
        var table = TableClosers.Contains(name);
        for (var i = at + 1; i < open.Count; i++)
        {
            var inside = open[i];
            var stops = table ? !TableParts.Contains(inside) && (ScopeBoundaries.Contains(inside) || Special.Contains(inside))
                : scoped ? ScopeBoundaries.Contains(inside) || name == "p" && inside == "button" || name == "li" && inside is "ol" or "ul"
                : ScopeBoundaries.Contains(inside) || Special.Contains(inside);
            if (stops)
            {
                return;
            }
        }

        var kept = 0;
        for (var i = at + 1; i < open.Count; i++)
        {
            if (Formatting.Contains(open[i]))
            {
                open[at + kept++] = open[i];
            }
        }

        open.RemoveRange(at + kept, open.Count - at - kept);
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
        }, text, rawText: name => RawText.Contains(name) || Hidden.Contains(name));

    /// <summary>
    /// Calls <paramref name="tag"/> for each start or end tag until it returns false; the content of
    /// a start tag for which <paramref name="rawText"/> is true is skipped up to its end tag. Tags,
    /// attributes and comments end where an HTML tokenizer ends them, so that nothing the tree
    /// builder reads as markup is taken for a comment or an attribute value here.
    /// </summary>
    private static void Scan(string html, Func<string, bool, int, bool> tag, Action<string>? text, Func<string, bool> rawText, List<KeyValuePair<string, string>>? values = null)
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
                i = CommentEnd(html, i + 3);
                continue;
            }

            var end = html[i] == '/';
            var nameStart = end ? i + 1 : i;
            if (html[i] is '!' or '?' || nameStart >= n || !char.IsAsciiLetter(html[nameStart]))
            {
                if (html[i] is '!' or '?' || end && nameStart < n && html[nameStart] != '>')
                {
                    var close = html.IndexOf('>', i);
                    i = close < 0 ? n : close + 1;
                }
                else if (end)
                {
                    // "</>" is dropped.
                    i = nameStart + 1;
                }
                else
                {
                    text?.Invoke("<");
                }

                continue;
            }

            // A tag name runs to whitespace, "/" or ">", whatever the characters.
            var nameEnd = nameStart;
            while (nameEnd < n && !IsSpace(html[nameEnd]) && html[nameEnd] is not ('/' or '>'))
            {
                nameEnd++;
            }

            var name = html[nameStart..nameEnd].ToLowerInvariant();
            values?.Clear();
            i = SkipAttributes(html, nameEnd, out var attributes, values);
            if (!tag(name, end, attributes))
            {
                return;
            }

            if (!end && rawText(name))
            {
                i = RawTextEnd(html, i, name);
            }
        }
    }

    /// <summary>After "&lt;!--": where the comment ends ("--&gt;", "--!&gt;", or at once for "&lt;!--&gt;" and "&lt;!---&gt;").</summary>
    private static int CommentEnd(string html, int i)
    {
        var n = html.Length;
        if (i < n && html[i] == '>')
        {
            return i + 1;
        }

        if (i + 1 < n && html[i] == '-' && html[i + 1] == '>')
        {
            return i + 2;
        }

        for (var dashes = html.IndexOf("--", i, StringComparison.Ordinal); dashes >= 0; dashes = html.IndexOf("--", dashes + 1, StringComparison.Ordinal))
        {
            var after = dashes + 2;
            while (after < n && html[after] == '-')
            {
                after++;
            }

            if (after < n && html[after] == '>')
            {
                return after + 1;
            }

            if (after + 1 < n && html[after] == '!' && html[after + 1] == '>')
            {
                return after + 2;
            }

            dashes = after - 2;
        }

        return n;
    }

    /// <summary>After a raw-text start tag: the position after its end tag ("&lt;/name" then whitespace, "/" or "&gt;").</summary>
    private static int RawTextEnd(string html, int i, string name)
    {
        var n = html.Length;
        while (true)
        {
            var close = html.IndexOf("</" + name, i, StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                return n;
            }

            var after = close + 2 + name.Length;
            if (after >= n)
            {
                return n;
            }

            if (IsSpace(html[after]) || html[after] is '/' or '>')
            {
                return SkipAttributes(html, after, out _);
            }

            i = close + 1;
        }
    }

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    /// <summary>
    /// From after a tag's name to after its "&gt;", counting attributes the way the tokenizer reads
    /// them: a name runs to whitespace, "/", "&gt;" or "=" (a leading "=" belongs to it), and only a
    /// value may be quoted.
    /// </summary>
    private static int SkipAttributes(string html, int i, out int attributes, List<KeyValuePair<string, string>>? values = null)
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

            if (IsSpace(c) || c == '/')
            {
                i++;
                continue;
            }

            attributes++;
            var nameStart = i++;
            while (i < n && !IsSpace(html[i]) && html[i] is not ('=' or '>' or '/'))
            {
                i++;
            }

            var nameEnd = i;
            int valueStart = i, valueEnd = i;

            while (i < n && IsSpace(html[i]))
            {
                i++;
            }

            if (i < n && html[i] == '=')
            {
                i++;
                while (i < n && IsSpace(html[i]))
                {
                    i++;
                }

                if (i < n && html[i] is '"' or '\'')
                {
                    var close = html.IndexOf(html[i], i + 1);
                    valueStart = i + 1;
                    valueEnd = close < 0 ? n : close;
                    i = close < 0 ? n : close + 1;
                }
                else
                {
                    valueStart = i;
                    while (i < n && !IsSpace(html[i]) && html[i] != '>')
                    {
                        i++;
                    }

                    valueEnd = i;
                }
            }

            if (values is not null && values.Count < MaxAttributes)
            {
                values.Add(new(html[nameStart..nameEnd].ToLowerInvariant(), WebUtility.HtmlDecode(html[valueStart..valueEnd])));
            }
        }

        return n;
    }
}
