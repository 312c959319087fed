using System.Text;
using System.Xml;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Which encoding a feed's bytes are read in, and the reader over them: what its XML declaration names,
/// unless its bytes say otherwise (a byte-order mark, 8-bit text declared as UTF-16), and the charset its
/// server names when it declares none and is not UTF-8. Raw control characters are made references on
/// the way (<see cref="FeedCharacters"/>), so that each costs only its item.
/// </summary>
internal static class FeedEncoding
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Names of UTF-16 and UTF-32 as declarations spell them (a name starting with one of these).</summary>
    private static readonly string[] WideUnicodeNames = ["utf-16", "utf16", "utf-32", "utf32", "ucs-2", "ucs2", "ucs-4", "ucs4", "unicode"];

    /// <summary>
    /// The reader over the feed's bytes. XmlReader decodes what the runtime knows by itself (UTF-8, UTF-16,
    /// UTF-32, ASCII, Latin-1); a feed declaring a Windows or ISO code page (older sites still serve
    /// windows-1252) is decoded here with that code page and read as text, whose encoding is ours to give.
    /// An encoding no one knows is left to XmlReader, which refuses it by name.
    /// </summary>
    /// <param name="charset">The charset the server named in Content-Type: the encoding of a body whose declaration names none and that is not UTF-8.</param>
    public static XmlReader CreateReader(ReadOnlyMemory<byte> body, string? charset, XmlReaderSettings settings)
    {
        var utf8Mark = body.Span.StartsWith(Utf8Mark);
        var declared = DeclaredEncoding(utf8Mark ? body.Span[Utf8Mark.Length..] : body.Span);
        body = FeedCharacters.WithRawControlsAsReferences(body, declared);
        if (declared is { } contradicted && !IsUtf8(contradicted) && (utf8Mark || IsWideUnicode(contradicted)))
        {
            // The bytes say otherwise than the declaration: a UTF-8 byte-order mark before another
            // encoding's name (a template saved "with BOM"), or UTF-16 or UTF-32 declared over 8-bit
            // text, which a declaration read as single bytes is (a .NET StringWriter declares utf-16
            // whatever is sent). Such a feed is UTF-8, the encoding with that mark and XML's default,
            // and is read as text, whose declared encoding a reader does not look at.
            return XmlReader.Create(new StringReader(DecodeUtf8(body.Span[(utf8Mark ? Utf8Mark.Length : 0)..], contradicted, utf8Mark)), settings);
        }

        if (declared is null && charset is not null && !utf8Mark && !IsUtf8(charset) && !IsWideUnicode(charset)
            && FeedCharacters.AsciiBased(body.Span, null) && !System.Text.Unicode.Utf8.IsValid(body.Span)
            && EncodingNamed(charset) is { } served)
        {
            // No encoding declared, bytes that are not UTF-8 (XML's default then), and a charset from
            // the server, which RFC 7303 makes the one to use (a site in windows-1252 behind Apache's
            // AddDefaultCharset). Bytes that are UTF-8 are read as UTF-8 whatever the header says:
            // servers name ISO-8859-1 by default far more often than they send it.
            return XmlReader.Create(new StringReader(served.GetString(body.Span)), settings);
        }

        if (declared is { } name
            && !Encoding.GetEncodings().Any(known => string.Equals(known.Name, name, StringComparison.OrdinalIgnoreCase))
            && CodePagesEncodingProvider.Instance.GetEncoding(name) is { } codePage)
        {
            return XmlReader.Create(new StringReader(codePage.GetString(body.Span)), settings);
        }

        return XmlReader.Create(new MemoryStream(body.ToArray(), writable: false), settings);
    }

    private static ReadOnlySpan<byte> Utf8Mark => [0xEF, 0xBB, 0xBF];

    /// <summary>The charset parameter of a Content-Type header, without quotes; null when there is none.</summary>
    public static string? CharsetOf(string? contentType) =>
        contentType is not null && System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
            && parsed.CharSet is { Length: > 0 } charset
            ? charset.Trim('"', '\'', ' ')
            : null;

    /// <summary>The encoding called <paramref name="name"/>, the runtime's own or a Windows or ISO code page; null when no one knows it.</summary>
    private static Encoding? EncodingNamed(string name)
    {
        if (CodePagesEncodingProvider.Instance.GetEncoding(name) is { } codePage)
        {
            return codePage;
        }

        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static bool IsUtf8(string name) => name.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || name.Equals("utf8", StringComparison.OrdinalIgnoreCase);

    private static bool IsWideUnicode(string name) =>
        WideUnicodeNames.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string DecodeUtf8(ReadOnlySpan<byte> bytes, string declared, bool utf8Mark)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var why = utf8Mark ? "starts with a UTF-8 byte-order mark" : "is 8-bit text";
            throw new FeedFormatException(
                $"The feed declares {declared} but {why}, and it is not valid UTF-8 either (bad byte at offset {Math.Max(ex.Index, 0)}); the site should declare the encoding it sends.", ex);
        }
    }

    /// <summary>The encoding an XML declaration at the very start names (<c>&lt;?xml version="1.0" encoding="windows-1252"?&gt;</c>), or null.</summary>
    private static string? DeclaredEncoding(ReadOnlySpan<byte> body)
    {
        // A declaration is ASCII and short (after a UTF-8 mark, which the caller skips); one in UTF-16 or
        // UTF-32 does not read as ASCII, and XmlReader reads those by their own marks.
        var head = Encoding.ASCII.GetString(body[..Math.Min(body.Length, 256)]);
        var end = head.IndexOf("?>", StringComparison.Ordinal);
        if (!head.StartsWith("<?xml", StringComparison.Ordinal) || end < 0)
        {
            return null;
        }

        var declaration = head[..end];
        var at = declaration.IndexOf("encoding", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = declaration[(at + "encoding".Length)..].TrimStart();
        if (!rest.StartsWith('=') || rest[1..].TrimStart() is not { Length: > 1 } quoted || quoted[0] is not ('"' or '\''))
        {
            return null;
        }

        var close = quoted.IndexOf(quoted[0], 1);
        return close > 1 ? quoted[1..close] : null;
    }
}
