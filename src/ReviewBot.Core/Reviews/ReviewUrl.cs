namespace ReviewBot.Core.Reviews;

/// <summary>
/// The one rule for a review's link: an absolute http(s) address with a host, or no link at all.
/// The link ends up as a Discord embed URL and a button, where a relative path cannot be opened and
/// a javascript: or file: address must never be offered; every origin (feed, file, inbox) and every
/// read of a stored review goes through here, so no other value can reach a reader.
/// </summary>
public static class ReviewUrl
{
    /// <summary><paramref name="url"/> when it is an absolute http(s) address with a host; otherwise null.</summary>
    public static Uri? Web(Uri? url) =>
        url is { IsAbsoluteUri: true } && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp) && url.Host.Length > 0
            ? url
            : null;

    /// <summary>
    /// A feed item's link made absolute against the address of the feed it came from (a feed without
    /// xml:base may give "reviews/x" or "/reviews/x"), then held to <see cref="Web"/>.
    /// </summary>
    public static Uri? Resolve(Uri? link, string feedUrl)
    {
        if (link is null)
        {
            return null;
        }

        if (!link.IsAbsoluteUri)
        {
            if (!Uri.TryCreate(feedUrl, UriKind.Absolute, out var feed) || !Uri.TryCreate(feed, link, out var absolute))
            {
                return null;
            }

            link = absolute;
        }

        return Web(link);
    }

    /// <summary>
    /// A stored link read back. Earlier builds stored links unchecked (relative paths, other schemes);
    /// reading one must never fail a whole answer, so such a value reads as no link.
    /// </summary>
    public static Uri? FromStored(string? stored) =>
        stored is not null && Uri.TryCreate(stored, UriKind.Absolute, out var url) ? Web(url) : null;
}
