using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace ReviewBot.Core.ShowSearch;

/// <summary>
/// Many short texts (every show's title, or every slug) held as UTF-8 in one block with an offset
/// each, instead of one string object each: a string costs its header and two bytes a character,
/// and the index holds every show all the time. Comparisons decode the one text they look at and
/// then use the same comparison as on strings, so ordinal and ignore-case orders are exactly those
/// of the strings themselves.
/// </summary>
/// <remarks>
/// A text UTF-8 cannot hold as it is (an unpaired surrogate, which only a hand edit could store)
/// would come back changed from the block, so such texts are kept aside as strings.
/// </remarks>
internal sealed class PackedTexts
{
    /// <summary>Texts up to this many bytes are decoded on the stack.</summary>
    private const int StackLimit = 256;

    private readonly byte[] _utf8;
    private readonly int[] _start;                   // i -> first byte of text i; i+1 -> end
    private readonly Dictionary<int, string>? _kept; // texts UTF-8 cannot hold, as they are

    /// <summary>Packs <paramref name="count"/> texts, text i being <paramref name="textAt"/>(i).</summary>
    public PackedTexts(int count, Func<int, string> textAt)
    {
        _start = new int[count + 1];
        var length = 0L;
        for (var i = 0; i < count; i++)
        {
            length += Encoding.UTF8.GetByteCount(textAt(i));
        }

        _utf8 = new byte[checked((int)length)];
        var end = 0;
        for (var i = 0; i < count; i++)
        {
            var text = textAt(i);
            _start[i] = end;
            if (Utf8.FromUtf16(text, _utf8.AsSpan(end), out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
            {
                end += written;
            }
            else
            {
                _kept ??= [];
                _kept.Add(i, text);
            }
        }

        _start[count] = end;
    }

    public int Count => _start.Length - 1;

    /// <summary>Text i as a new string.</summary>
    public string this[int i] =>
        _kept is not null && _kept.TryGetValue(i, out var kept) ? kept : Encoding.UTF8.GetString(Bytes(i));

    /// <summary>Compares text i with <paramref name="other"/> as <see cref="string.Compare(string, string, StringComparison)"/> would.</summary>
    public int Compare(int i, ReadOnlySpan<char> other, StringComparison comparison) =>
        Decoded(i, other, comparison, static (text, o, c) => text.CompareTo(o, c));

    /// <summary>Whether text i equals <paramref name="other"/> under <paramref name="comparison"/>.</summary>
    public bool TextEquals(int i, ReadOnlySpan<char> other, StringComparison comparison) =>
        Decoded(i, other, comparison, static (text, o, c) => text.Equals(o, c));

    /// <summary>Whether text i starts with <paramref name="prefix"/> under <paramref name="comparison"/>.</summary>
    public bool StartsWith(int i, ReadOnlySpan<char> prefix, StringComparison comparison) =>
        Decoded(i, prefix, comparison, static (text, p, c) => text.StartsWith(p, c));

    /// <summary>Whether text i has the <see cref="Reviews.ShowTitleKey"/> <paramref name="key"/>.</summary>
    public bool HasTitleKey(int i, ReadOnlySpan<char> key) =>
        Decoded(i, key, StringComparison.Ordinal, static (text, k, _) => TitleKeys.HasKey(text, k));

    /// <summary>
    /// Text i's <see cref="Reviews.ShowTitleKey"/> compared ordinally with <paramref name="key"/>, and
    /// whether it starts with it. Only for a text <see cref="TitleKeys.TryWrite"/> keys on the stack;
    /// the show index keeps the keys of the others itself.
    /// </summary>
    public (int Order, bool StartsWith) CompareTitleKey(int i, ReadOnlySpan<char> key) =>
        Decoded(i, key, StringComparison.Ordinal, static (text, k, _) =>
        {
            Span<char> buffer = stackalloc char[TitleKeys.StackLimit];
            var own = TitleKeys.TryWrite(text, buffer, out var written) ? buffer[..written] : Reviews.ShowTitleKey.From(text.ToString()).AsSpan();
            return (own.SequenceCompareTo(k), own.StartsWith(k));
        });

    /// <summary>Text i decoded onto the stack (or a rented array, if long) and handed to <paramref name="operation"/> with <paramref name="other"/>.</summary>
    private T Decoded<T>(int i, ReadOnlySpan<char> other, StringComparison comparison, TextOperation<T> operation)
    {
        char[]? rented = null;
        var text = Chars(i, ByteCount(i) is var bytes and <= StackLimit ? stackalloc char[bytes] : Rent(i, out rented));
        try
        {
            return operation(text, other, comparison);
        }
        finally
        {
            Return(rented);
        }
    }

    private ReadOnlySpan<byte> Bytes(int i) => _utf8.AsSpan(_start[i], _start[i + 1] - _start[i]);

    private int ByteCount(int i) => _start[i + 1] - _start[i];

    /// <summary>Text i decoded into <paramref name="buffer"/> (UTF-8 never has fewer bytes than UTF-16 has characters).</summary>
    private ReadOnlySpan<char> Chars(int i, Span<char> buffer)
    {
        if (_kept is not null && _kept.TryGetValue(i, out var kept))
        {
            return kept;
        }

        var written = Encoding.UTF8.GetChars(Bytes(i), buffer);
        return buffer[..written];
    }

    private char[] Rent(int i, out char[]? rented) => rented = ArrayPool<char>.Shared.Rent(ByteCount(i));

    private static void Return(char[]? rented)
    {
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }
}

/// <summary>An operation on a decoded text and another, under a comparison; spans cannot be captured, so both are passed.</summary>
internal delegate T TextOperation<T>(ReadOnlySpan<char> text, ReadOnlySpan<char> other, StringComparison comparison);
