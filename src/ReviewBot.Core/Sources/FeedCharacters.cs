using System.Buffers;
using System.Globalization;
using System.Text;
using System.Xml;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Characters XML 1.0 does not allow (the C0 controls but tab and line breaks, half a surrogate pair),
/// which real feeds still carry: a backspace pasted into a title, a form feed from a word processor,
/// written raw or as a reference (<c>&amp;#8;</c>). One of them made the whole feed not well-formed,
/// every review in it unread at every poll; here each is carried to the item it is in, whose document
/// the review parser refuses for it as it refuses a control character in any file. What is stored by
/// the character's place (an item's key) shows it as its code point instead, since a database may
/// refuse it (PostgreSQL's text has no NUL).
/// </summary>
internal static class FeedCharacters
{
    private static readonly SearchValues<byte> RawControls = SearchValues.Create(
        [0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x0B, 0x0C, 0x0E, 0x0F,
         0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F]);

    private static readonly SearchValues<byte> Blanks = SearchValues.Create(" \t\n\r"u8);

    /// <summary>
    /// <paramref name="body"/> with each raw C0 control byte written as a character reference, which a
    /// reader that does not check characters takes (a raw one it refuses whatever it is told). Only for
    /// a body in an encoding where such a byte is that character and nothing else: UTF-8 and the
    /// ASCII-based code pages, whose multi-byte sequences never hold a byte under 0x20. Not for UTF-16
    /// or UTF-32 (their zero bytes), EBCDIC, or the 7-bit encodings that shift with ESC (ISO-2022, HZ, UTF-7).
    /// </summary>
    public static ReadOnlyMemory<byte> WithRawControlsAsReferences(ReadOnlyMemory<byte> body, string? declaredEncoding)
    {
        var rest = body.Span;
        var at = rest.IndexOfAny(RawControls);
        if (at < 0 || !AsciiBased(rest, declaredEncoding))
        {
            return body;
        }

        var written = new ArrayBufferWriter<byte>(body.Length + 64);
        while (at >= 0)
        {
            written.Write(rest[..at]);
            written.Write(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"&#x{rest[at]:X};")));
            rest = rest[(at + 1)..];
            at = rest.IndexOfAny(RawControls);
        }

        written.Write(rest);
        return written.WrittenMemory;
    }

    /// <summary>Writes <paramref name="value"/> as text, half a surrogate pair as a reference (which a writer refuses to write as it is).</summary>
    public static void WriteText(XmlWriter writer, string value)
    {
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (!char.IsSurrogate(value[i]))
            {
                continue;
            }

            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
                continue;
            }

            writer.WriteString(value[start..i]);
            writer.WriteRaw(string.Create(CultureInfo.InvariantCulture, $"&#x{(int)value[i]:X};"));
            start = i + 1;
        }

        writer.WriteString(value[start..]);
    }

    /// <summary>Whether <paramref name="value"/> holds half a surrogate pair.</summary>
    public static bool HasLoneSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="key"/> with every character XML does not allow written as its code point
    /// (<c>&lt;U+0000&gt;</c>), so that it can be stored and logged; tab and line breaks, which XML allows and
    /// keys already stored may hold, are kept. A key without such characters is returned as it is.
    /// </summary>
    public static string Storable(string key)
    {
        var first = IndexOfNotXml(key);
        if (first < 0)
        {
            return key;
        }

        var shown = new StringBuilder(key.Length + 16).Append(key, 0, first);
        for (var i = first; i < key.Length; i++)
        {
            var c = key[i];
            if (char.IsHighSurrogate(c) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                shown.Append(c).Append(key[++i]);
            }
            else if (IsNotXml(c) || char.IsSurrogate(c))
            {
                RefusalText.AppendCodePoint(shown, c);
            }
            else
            {
                shown.Append(c);
            }
        }

        return shown.ToString();
    }

    private static int IndexOfNotXml(string key)
    {
        for (var i = 0; i < key.Length; i++)
        {
            if (char.IsHighSurrogate(key[i]) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                i++;
            }
            else if (IsNotXml(key[i]) || char.IsSurrogate(key[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsNotXml(char c) => c < 0x20 && c is not ('\t' or '\n' or '\r') || c is '\uFFFE' or '\uFFFF';

    /// <summary>
    /// Whether <paramref name="body"/> is in an ASCII-based encoding, where a byte under 0x80 is that
    /// ASCII character: it starts (after a UTF-8 mark and blanks) with '&lt;' as one byte, and names no 7-bit encoding that shifts with ESC.
    /// </summary>
    public static bool AsciiBased(ReadOnlySpan<byte> body, string? declaredEncoding)
    {
        if (declaredEncoding is { } name
            && (name.StartsWith("iso-2022", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("hz", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("utf-7", StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        // XML starts with '<' (after a UTF-8 byte order mark and blanks): as one byte followed by a
        // non-zero one, the body is in an ASCII-based encoding; UTF-16 and UTF-32 put zero bytes
        // beside it (or start with their own mark), EBCDIC writes '<' as 0x4C.
        if (body.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            body = body[3..];
        }

        var at = body.IndexOfAnyExcept(Blanks);
        return at >= 0 && body[at] == (byte)'<' && at + 1 < body.Length && body[at + 1] != 0;
    }
}
