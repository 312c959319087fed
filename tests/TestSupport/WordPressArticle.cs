using System.Net;
using System.Text;

namespace ReviewBot.TestSupport;

/// <summary>
/// A plain-text review as a WordPress post body: episode lines as &lt;li&gt;, typographic characters
/// as numeric entities, plus the style and script blocks real themes inject. Compiled into the
/// feed tests and the benchmarks (linked source, not a project), so both read the same HTML.
/// </summary>
internal static class WordPressArticle
{
    public static string FromReviewText(string reviewText, string? extraParagraph = null)
    {
        var lines = reviewText.Replace("\r\n", "\n").Split('\n').Skip(1).Select(l => l.Trim(' '));
        var html = new StringBuilder();
        html.Append("<style>.wp-block{color:red}</style>\n");
        var inList = false;
        foreach (var line in lines)
        {
            if (line.StartsWith("Episode ", StringComparison.Ordinal) && line.Contains("Review Score", StringComparison.Ordinal))
            {
                if (!inList) html.Append("<ul class=\"wp-block-list\">\n");
                inList = true;
                html.Append("<li>").Append(Encode(line)).Append("</li>\n");
                continue;
            }

            if (inList) html.Append("</ul>\n");
            inList = false;
            if (line.Length == 0) continue;
            if (line == "Episode Guide") html.Append("<h2 class=\"wp-block-heading\">Episode Guide</h2>\n");
            else if (line.Contains("Verdict", StringComparison.Ordinal)) html.Append("<ul><li><strong>Verdict - 6/10</strong></li></ul>\n");
            else html.Append("<p>").Append(Encode(line)).Append("</p>\n");
        }

        if (extraParagraph is not null) html.Append("<p>").Append(Encode(extraParagraph)).Append("</p>\n");
        html.Append("<script>document.write('tracking');</script>\n");
        return html.ToString();
    }

    // WordPress encodes typographic characters as numeric entities; HtmlToText must decode them.
    private static string Encode(string text) => WebUtility.HtmlEncode(text)
        .Replace("\u00a0", "&nbsp;", StringComparison.Ordinal)
        .Replace("’", "&#8217;", StringComparison.Ordinal)
        .Replace("–", "&#8211;", StringComparison.Ordinal);
}
