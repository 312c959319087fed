namespace ReviewBot.Core.Sources;

/// <summary>One entry of a feed, reduced to what the importer needs.</summary>
/// <param name="Key">The item's guid (RSS) or id (Atom), else its link: its identity across polls.</param>
/// <param name="Html">The fullest content the feed offers (content:encoded, atom content, else the summary).</param>
public sealed record FeedItem(string Key, string Title, Uri? Link, string Html, DateTimeOffset? Published);

/// <summary>A feed's body could not be read as RSS 2.0 or Atom 1.0; the message says why, for an operator.</summary>
public sealed class FeedFormatException(string message, Exception? inner = null) : Exception(message, inner);
