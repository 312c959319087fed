using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

/// <summary>One entry of a feed, reduced to what the importer needs.</summary>
/// <param name="Key">The item's guid (RSS) or id (Atom), else its link: its identity across polls. Empty when it has neither.</param>
/// <param name="Html">The fullest content the feed offers (content:encoded, atom content, else the summary).</param>
/// <param name="Error">Why the item itself could not be read (the rest of the feed could); null when it could.</param>
public sealed record FeedItem(string Key, string Title, Uri? Link, string Html, DateTimeOffset? Published, string? Error = null)
{
    /// <summary>False for an item with neither guid nor link: nothing to remember it by, so it is never imported.</summary>
    public bool HasKey => Key.Length > 0;

    /// <summary>
    /// What messages call the item: its title, else its key, else its position; as refusals show text
    /// (<see cref="RefusalText"/>), since a title with an ESC in it is a command to the terminal a log is read on.
    /// </summary>
    public string Name(int index) => RefusalText.Visible(Title.Length > 0 ? Title : Key.Length > 0 ? Key : $"item {index + 1}");

    /// <summary>
    /// <paramref name="id"/> as the item's key, bounded like every source key (<see cref="SourceKeys.Bounded"/>):
    /// the item's row is indexed as well as its review's key, and one item with a guid too long for
    /// an index (a tracking link, or a feed that means harm) would fail its row's save and with it the
    /// whole poll, at every poll. A hashed key is no web address, so it is scoped to its feed like a bare number.
    /// A character XML does not allow (a feed's <c>&amp;#0;</c>) is written as its code point
    /// (<see cref="FeedCharacters.Storable"/>): PostgreSQL's text has no NUL, and its save would fail every poll too.
    /// </summary>
    public static string KeyOf(string id) => SourceKeys.Bounded(FeedCharacters.Storable(id));

    /// <summary>Why an item whose key an earlier item of the same feed has is left out, in polling and feeds check alike.</summary>
    public static string DuplicateReason(string key) => $"same guid as an earlier item ({key}); only the first is used";
}

/// <summary>A feed's body could not be read as RSS 2.0 or Atom 1.0; the message says why, for an operator.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
