using System.Globalization;
using System.Text;
using ReviewBot.Core.Import;

namespace ReviewBot.Cli;

/// <summary>
/// Everything the CLI prints passes through here, because much of it is text nobody vetted: review
/// titles and summaries, feed item titles, file paths and names. A terminal obeys control characters,
/// so an ESC sequence in a title could clear the screen, set the window title or recolour what
/// follows, and a bidi override (U+202E) could make a line read differently from what it says. Such
/// characters are written as their code points (<c>&lt;U+001B&gt;</c>, <c>&lt;U+202E&gt;</c>) instead, in
/// the notation a refusal quotes them in (<see cref="RefusalText.AppendCodePoint"/>), so a character
/// reads the same wherever the CLI prints it. Line feeds and tabs pass, and a carriage return only as
/// part of a CR LF line end. Discord output never comes through here; its renderers keep their own
/// Markdown escaping.
/// </summary>
public sealed class TerminalSafeWriter : TextWriter
{
    private readonly TextWriter _inner;
    private char _pendingHigh;      // a high surrogate waiting for its low half (split writes)
    private bool _pendingReturn;    // a CR waiting to see whether LF follows

    private TerminalSafeWriter(TextWriter inner)
        : base(inner.FormatProvider)
    {
        _inner = inner;
        CoreNewLine = inner.NewLine.ToCharArray();
    }

    public override Encoding Encoding => _inner.Encoding;

    /// <summary>Wraps <paramref name="writer"/> unless it is one already.</summary>
    public static TextWriter Guard(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        return writer as TerminalSafeWriter ?? new TerminalSafeWriter(writer);
    }

    /// <summary>The escaped form of <paramref name="text"/> on its own (no state carried between calls).</summary>
    public static string Escape(string text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var safe = new TerminalSafeWriter(writer))
        {
            safe.Write(text);
        }

        return writer.ToString();
    }

    public override void Write(char value) => Forward(Sanitise([value]));

    public override void Write(string? value) => Forward(Sanitise(value));

    public override void Write(char[] buffer, int index, int count) => Forward(Sanitise(buffer.AsSpan(index, count)));

    public override void Write(ReadOnlySpan<char> buffer) => Forward(Sanitise(buffer));

    public override void WriteLine() => Write(CoreNewLine);

    public override void WriteLine(string? value) => Forward(Sanitise(value + NewLine));

    public override void WriteLine(ReadOnlySpan<char> buffer) => Forward(Sanitise(string.Concat(buffer, NewLine)));

    public override Task WriteAsync(char value) => _inner.WriteAsync(Sanitise([value]));

    public override Task WriteAsync(string? value) => _inner.WriteAsync(Sanitise(value));

    public override Task WriteAsync(char[] buffer, int index, int count) => _inner.WriteAsync(Sanitise(buffer.AsSpan(index, count)));

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(Sanitise(buffer.Span).AsMemory(), cancellationToken);

    public override Task WriteLineAsync() => _inner.WriteAsync(Sanitise(NewLine));

    public override Task WriteLineAsync(char value) => _inner.WriteAsync(Sanitise(value + NewLine));

    public override Task WriteLineAsync(string? value) => _inner.WriteAsync(Sanitise(value + NewLine));

    public override Task WriteLineAsync(char[] buffer, int index, int count) =>
        _inner.WriteAsync(Sanitise(string.Concat(buffer.AsSpan(index, count), NewLine)));

    public override Task WriteLineAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default) =>
        _inner.WriteAsync(Sanitise(string.Concat(buffer.Span, NewLine)).AsMemory(), cancellationToken);

    public override void Flush()
    {
        Forward(TakePending());
        _inner.Flush();
    }

    public override async Task FlushAsync()
    {
        await _inner.WriteAsync(TakePending());
        await _inner.FlushAsync();
    }

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _inner.WriteAsync(TakePending().AsMemory(), cancellationToken);
        await _inner.FlushAsync(cancellationToken);
    }

    /// <summary>The writer passed in belongs to the caller (the console, a test's StringWriter): it is flushed, not closed.</summary>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    private void Forward(string text)
    {
        if (text.Length > 0)
        {
            _inner.Write(text);
        }
    }

    private string TakePending()
    {
        var text = new StringBuilder();
        if (_pendingReturn)
        {
            AppendEscape(text, '\r');
        }

        if (_pendingHigh != '\0')
        {
            AppendEscape(text, _pendingHigh);
        }

        _pendingReturn = false;
        _pendingHigh = '\0';
        return text.ToString();
    }

    private string Sanitise(ReadOnlySpan<char> chars)
    {
        var text = new StringBuilder(chars.Length + 8);
        foreach (var c in chars)
        {
            if (_pendingHigh != '\0')
            {
                var high = _pendingHigh;
                _pendingHigh = '\0';
                if (char.IsLowSurrogate(c))
                {
                    AppendCodePoint(text, char.ConvertToUtf32(high, c), high, c);
                    continue;
                }

                AppendEscape(text, high);
            }

            if (_pendingReturn)
            {
                _pendingReturn = false;
                if (c == '\n')
                {
                    text.Append("\r\n");
                    continue;
                }

                AppendEscape(text, '\r');
            }

            if (c == '\r')
            {
                _pendingReturn = true;
            }
            else if (char.IsHighSurrogate(c))
            {
                _pendingHigh = c;
            }
            else if (char.IsLowSurrogate(c))
            {
                AppendEscape(text, c);
            }
            else
            {
                AppendCodePoint(text, c, c, '\0');
            }
        }

        return text.ToString();
    }

    private static void AppendCodePoint(StringBuilder text, int codePoint, char first, char second)
    {
        if (IsHarmful(codePoint))
        {
            RefusalText.AppendCodePoint(text, codePoint);
            return;
        }

        text.Append(first);
        if (second != '\0')
        {
            text.Append(second);
        }
    }

    private static void AppendEscape(StringBuilder text, char c) => RefusalText.AppendCodePoint(text, c);

    /// <summary>
    /// C0 and C1 controls (ESC, CSI, BEL...) except LF and TAB, DEL, line and paragraph separators,
    /// and invisible format characters (bidi embeddings, overrides and isolates, zero-width space,
    /// soft hyphen, tag characters). Zero-width joiner and non-joiner stay: scripts and emoji need them.
    /// </summary>
    private static bool IsHarmful(int codePoint)
    {
        if (codePoint is '\n' or '\t')
        {
            return false;
        }

        if (codePoint < 0x20 || codePoint is >= 0x7F and <= 0x9F)
        {
            return true;
        }

        if (codePoint is 0x200C or 0x200D)
        {
            return false;
        }

        return CharUnicodeInfo.GetUnicodeCategory(codePoint) is UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;
    }
}
