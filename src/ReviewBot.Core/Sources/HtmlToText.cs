using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
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
    private readonly ThreadLocal<BoundedParser> parser = new(() => new BoundedParser());

    public string Convert(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var writer = new TextWriter();

        // The linear pre-scan turns away the usual shapes cheaply; the bounded parser stops the tree
        // builder on whatever the pre-scan's simplified view of HTML misses.
        using var document = HtmlTokens.IsModest(html) ? parser.Value!.TryParse(html) : null;
        if (document is null)
        {
            // Nesting or attributes no article has: the tree builder's work would grow faster than the HTML.
            HtmlTokens.ToText(html, text => writer.Append(text, preformatted: false), writer.LineBreak, writer.BlankLine);
            return writer.ToString();
        }

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

    /// <summary>
    /// An HTML parser that gives up on a document as soon as the tree it builds nests deeper than
    /// <see cref="MaxTreeDepth"/>, and keeps only the first <see cref="HtmlTokens.MaxAttributes"/>
    /// attributes of a tag (an article's tags carry a handful). The tree builder checks its stack of open elements for most tokens, so with the
    /// depth held down its work stays proportional to the HTML, whatever the markup does (templates,
    /// foreign content, end tags it ignores, formatting elements it reopens). Depth is counted in the
    /// tree it actually builds, not guessed from the tags, so no markup trick gets around it.
    /// </summary>
    internal sealed class BoundedParser
    {
        /// <summary>Twice the pre-scan's limit: a tree this deep is never an article.</summary>
        public const int MaxTreeDepth = 2 * HtmlTokens.MaxDepth;

        private readonly HtmlParser parser;

        // Template contents live in a fragment outside the tree; its elements count from the template.
        private readonly Dictionary<INode, INode> templateHosts = new(ReferenceEqualityComparer.Instance);
        private IElement? lastCreated;

        public BoundedParser() =>
            parser = new HtmlParser(new HtmlParserOptions
            {
                IsScripting = false,

                // The parser's own limit moves deep elements up to be siblings, which would hide the
                // depth from the count below while its stack still grows; keep it well out of the way.
                MaximumDepth = 4 * MaxTreeDepth,
                OnCreated = (element, _) => Created(element),

                // The tokenizer compares each attribute of a tag with every earlier one.
                ShouldEmitAttribute = (ref token, _) => token.Attributes.Count < HtmlTokens.MaxAttributes,
            });

        /// <summary>Elements the tree builder created during the last <see cref="TryParse"/>.</summary>
        public int ElementsCreated { get; private set; }

        /// <summary>The document, or null when its tree nested deeper than any article.</summary>
        public IDocument? TryParse(string html)
        {
            ElementsCreated = 0;
            try
            {
                return parser.ParseDocument(html);
            }
            catch (TooDeepException)
            {
                return null;
            }
            finally
            {
                lastCreated = null;
                templateHosts.Clear();
            }
        }

        private void Created(IElement element)
        {
            // An element is reported before it is inserted, so each report checks the one before: by
            // then it sits in the tree. Walking up stops at the limit, so the check costs at most that
            // much per element, which is the tree builder's own cost per element at that depth.
            ElementsCreated++;
            if (lastCreated is not null && DepthExceeds(lastCreated, MaxTreeDepth))
            {
                throw new TooDeepException();
            }

            lastCreated = element;
            if (element is IHtmlTemplateElement template)
            {
                templateHosts[template.Content] = template;
            }
        }

        private bool DepthExceeds(INode node, int limit)
        {
            INode? current = node;
            for (var depth = 0; current is not null; depth++)
            {
                if (depth > limit)
                {
                    return true;
                }

                current = current.Parent ?? templateHosts.GetValueOrDefault(current);
            }

            return false;
        }

        private sealed class TooDeepException : Exception;
    }

    /// <summary>Collapses HTML whitespace and keeps at most one blank line between blocks.</summary>
    private sealed class TextWriter
    {
        private readonly StringBuilder output = new();
        private readonly StringBuilder line = new();
        private int pendingBreaks;

        public void Append(string text, bool preformatted)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
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

                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    AppendVisible(c);
                    AppendVisible(text[++i]);
                    continue;
                }

                // Markup can spell characters no text has (&#0;, &#27;, half a surrogate pair as
                // &#xD83D;): they come from the HTML, not from what the writer wrote, so they are
                // dropped here rather than refusing the whole article as a file holding them is.
                if (char.IsControl(c) || char.IsSurrogate(c))
                {
                    continue;
                }

                AppendVisible(c);
            }
        }

        private void AppendVisible(char c)
        {
            if (line.Length == 0 && pendingBreaks > 0 && output.Length > 0)
            {
                output.Append('\n', pendingBreaks);
            }

            pendingBreaks = 0;
            line.Append(c);
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
