using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Turns article HTML (a WordPress post body) into the plain text the review parser reads: block
/// elements become paragraphs, &lt;li&gt; and &lt;br&gt; become lines, entities are decoded, and
/// scripts, styles and embeds are dropped. Non-breaking spaces are kept as they are because the
/// parser already tolerates them and trims titles itself.
/// </summary>
public sealed class HtmlToText
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "noscript", "template", "iframe", "svg", "head", "object", "embed", "canvas", "button", "form",
    };

    private static readonly HashSet<string> Paragraphs = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section", "article", "header", "footer",
        "ul", "ol", "dl", "table", "figure", "hr", "aside", "main", "nav", "address", "details", "summary",
    };

    private static readonly HashSet<string> Lines = new(StringComparer.OrdinalIgnoreCase)
    {
        "li", "tr", "dt", "dd", "figcaption", "caption",
    };

    // An HtmlParser is costly to build and not documented as thread-safe; feeds are polled
    // concurrently, so each thread keeps its own and reuses it for every item.
    private readonly ThreadLocal<HtmlParser> parser = new(() => new HtmlParser(new HtmlParserOptions { IsScripting = false }));

    public string Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var writer = new TextWriter();
        if (!HtmlTokens.IsModest(html))
        {
            // Nesting or attributes no article has: the tree builder's work would grow faster than the HTML.
            HtmlTokens.ToText(html, text => writer.Append(text, preformatted: false), writer.LineBreak, writer.BlankLine);
            return writer.ToString();
        }

        using var document = parser.Value!.ParseDocument(html);
        if (document.Body is { } body)
        {
            Walk(body, writer, preformatted: false);
        }

        return writer.ToString();
    }

    private static void Walk(INode node, TextWriter writer, bool preformatted)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    writer.Append(text.Data, preformatted);
                    break;
                case IElement element when Skipped.Contains(element.LocalName):
                    break;
                case IElement element when element.LocalName.Equals("br", StringComparison.OrdinalIgnoreCase):
                    writer.LineBreak();
                    break;
                case IElement element:
                    var isParagraph = Paragraphs.Contains(element.LocalName);
                    var isLine = Lines.Contains(element.LocalName);
                    if (isParagraph) writer.BlankLine();
                    else if (isLine) writer.LineBreak();
                    Walk(element, writer, preformatted || element.LocalName.Equals("pre", StringComparison.OrdinalIgnoreCase));
                    if (isParagraph) writer.BlankLine();
                    else if (isLine) writer.LineBreak();
                    break;
            }
        }
    }

    /// <summary>Collapses HTML whitespace and keeps at most one blank line between blocks.</summary>
    private sealed class TextWriter
    {
        private readonly StringBuilder output = new();
        private readonly StringBuilder line = new();
        private int pendingBreaks;

        public void Append(string text, bool preformatted)
        {
            foreach (var c in text)
            {
                if (preformatted && c == '\n')
                {
                    LineBreak();
                    continue;
                }

                // HTML whitespace only; U+00A0 is content, not layout.
                var isSpace = c is ' ' or '\t' or '\n' or '\r' or '\f';
                if (isSpace)
                {
                    if (line.Length > 0 && line[^1] != ' ') line.Append(' ');
                    continue;
                }

                if (line.Length == 0 && pendingBreaks > 0 && output.Length > 0)
                {
                    output.Append('\n', pendingBreaks);
                }

                pendingBreaks = 0;
                line.Append(c);
            }
        }

        public void LineBreak() => EndLine(1);

        public void BlankLine() => EndLine(2);

        private void EndLine(int breaks)
        {
            if (line.Length > 0)
            {
                output.Append(line.ToString().TrimEnd(' '));
                line.Clear();
                pendingBreaks = breaks;
            }
            else
            {
                pendingBreaks = Math.Max(pendingBreaks, breaks);
            }
        }

        public override string ToString()
        {
            EndLine(0);
            return output.ToString();
        }
    }
}
