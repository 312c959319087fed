using System.Text;

namespace ReviewBot.Cli;

/// <summary>
/// A slash command typed the way Discord shows it: <c>/episode 9 show:"metallic rouge" season:1</c>.
/// Options are <c>name:value</c>, values may be quoted; words without a name fill the command's
/// options in order, and the words in a row for a text option stay together ("/review metallic rouge").
/// </summary>
internal sealed record SlashCommandText(string Name, IReadOnlyDictionary<string, string> Options)
{
    /// <param name="optionOrder">Each command's options in Discord's order; text options marked with a trailing "*".</param>
    public static (SlashCommandText? Command, string? Error) Parse(string text, IReadOnlyDictionary<string, string[]> optionOrder)
    {
        var (tokens, unclosedQuote) = Tokenise(text);
        if (unclosedQuote is { } at)
        {
            // Read to the end, the rest of the line would become the quoted value, other options included.
            return (null, $"the quote at character {at + 1} is never closed; close it, as in show:\"metallic rouge\"");
        }

        if (tokens.Count == 0)
        {
            return (null, "no command given");
        }

        var name = tokens[0].Text.TrimStart('/').ToLowerInvariant();
        if (!optionOrder.TryGetValue(name, out var declared))
        {
            return (null, $"unknown command \"/{name}\"");
        }

        var names = declared.Select(d => d.TrimEnd('*')).ToList();
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var positional = 0;
        for (var i = 1; i < tokens.Count; i++)
        {
            var (token, quoted) = tokens[i];
            var colon = quoted ? -1 : token.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && names.Contains(token[..colon], StringComparer.OrdinalIgnoreCase))
            {
                var value = token[(colon + 1)..];
                if (value.Length == 0 && i + 1 < tokens.Count && !IsNamed(tokens[i + 1], names))
                {
                    value = tokens[++i].Text; // "show: metallic-rouge", but not "show: season:1", whose season is its own
                }

                if (options.ContainsKey(token[..colon]))
                {
                    // Discord takes each option once; here the last one would silently win.
                    return (null, $"{token[..colon].ToLowerInvariant()}: is given twice; /{name} takes each of {string.Join(", ", names.Select(n => n + ":"))} once");
                }

                options[token[..colon]] = value;
                continue;
            }

            while (positional < names.Count && options.ContainsKey(names[positional]))
            {
                positional++;
            }

            if (positional >= names.Count)
            {
                return (null, $"unexpected \"{token}\"; /{name} takes {string.Join(", ", names.Select(n => n + ":"))}");
            }

            var words = new List<string> { token };
            if (declared[positional].EndsWith('*'))
            {
                while (i + 1 < tokens.Count && !IsNamed(tokens[i + 1], names))
                {
                    words.Add(tokens[++i].Text);
                }
            }

            options[names[positional++]] = string.Join(" ", words);
        }

        return (new SlashCommandText(name, options), null);
    }

    private static bool IsNamed((string Text, bool Quoted) token, List<string> names) =>
        !token.Quoted && token.Text.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon
        && names.Contains(token.Text[..colon], StringComparer.OrdinalIgnoreCase);

    /// <returns>The words, and where a quote that is never closed was opened (null when every quote is closed).</returns>
    private static (List<(string Text, bool Quoted)> Tokens, int? UnclosedQuote) Tokenise(string text)
    {
        var tokens = new List<(string, bool)>();
        var current = new StringBuilder();
        var quoted = false;
        var inQuotes = false;
        var openedAt = 0;
        for (var at = 0; at < text.Length; at++)
        {
            var c = text[at];
            if (c is '"' or '“' or '”')
            {
                inQuotes = !inQuotes;
                quoted = true;
                openedAt = at;
            }
            else if (char.IsWhiteSpace(c) && !inQuotes)
            {
                Flush();
            }
            else
            {
                current.Append(c);
            }
        }

        Flush();
        return (tokens, inQuotes ? openedAt : null);

        void Flush()
        {
            if (current.Length > 0 || quoted)
            {
                // name:"quoted value" is a named option whose value was quoted, not a quoted word.
                var value = current.ToString();
                tokens.Add((value, quoted && !(value.IndexOf(':', StringComparison.Ordinal) > 0 && !value.StartsWith(':'))));
            }

            current.Clear();
            quoted = false;
        }
    }
}
