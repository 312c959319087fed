using ReviewBot.Caching;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// An announcement's body depends on the review as read, the subscription's role and whether the
/// chart may be sent, never on the channel. So it is rendered, serialised and (with the chart) framed
/// as multipart/form-data once per such combination and shared by every channel of a fan-out; each
/// create adds only its nonce. An entry serves only content equal to what it was built from, so a
/// review changed since (even within one tick of the clock) is rendered again, never sent stale.
/// </summary>
/// <remarks>Past <see cref="Capacity"/> the least recently used body is dropped to make room for a new one.</remarks>
public sealed class AnnouncementBodies(AnnouncementRenderer renderer, TimeProvider? time = null) : IDisposable
{
    /// <summary>Bodies kept: one per review version and role being announced; a miss only renders again.</summary>
    public const int Capacity = 1024;

    private static readonly TimeSpan KeptWhileUnused = TimeSpan.FromMinutes(30);

    private readonly LeastRecentlyUsed<(long ReviewId, ulong? RoleId, bool WithChart), Entry> _cache = new(Capacity, KeptWhileUnused, time ?? TimeProvider.System);
    private readonly Lock _gate = new();

    public AnnouncementBody Get(AnnouncementContent review, ulong? roleId, bool withChart)
    {
        var key = (review.ReviewId, roleId, withChart);
        Entry entry;
        lock (_gate)
        {
            if (!_cache.TryGet(key, out var found) || !found.Serves(review))
            {
                // Built outside the lock (a first chart takes a while), once however many channels ask at the same time.
                found = new Entry(review, new Lazy<AnnouncementBody>(() => Build(review, roleId, withChart)));
                _cache.Set(key, found);
            }

            entry = found;
        }

        try
        {
            return entry.Body.Value;
        }
        catch
        {
            // A Lazy keeps its exception: drop the entry so the next attempt renders again.
            lock (_gate)
            {
                _cache.Remove(key, entry);
            }

            throw;
        }
    }

    public void Dispose() => _cache.Clear();

    private AnnouncementBody Build(AnnouncementContent review, ulong? roleId, bool withChart)
    {
        var message = renderer.RenderBody(review, roleId, withChart);
        return new AnnouncementBody(
            message,
            PreparedMessage.Prepare(message),
            new Lazy<PreparedForumThread>(() => PreparedForumThread.Prepare(new ForumThreadRequest { Name = AnnouncementRenderer.ThreadName(review), Message = message })));
    }

    private sealed class Entry(AnnouncementContent source, Lazy<AnnouncementBody> body)
    {
        private AnnouncementContent _source = source;

        public Lazy<AnnouncementBody> Body { get; } = body;

        /// <summary>Called under the cache's lock. Every pass reads the content anew; equal content keeps the body.</summary>
        public bool Serves(AnnouncementContent review)
        {
            if (ReferenceEquals(review, _source))
            {
                return true;
            }

            // Record equality covers every field, present and future, except the episode list, compared by value here.
            var same = review with { Episodes = [] } == _source with { Episodes = [] } && review.Episodes.SequenceEqual(_source.Episodes);
            if (same)
            {
                _source = review; // the rest of this pass shares this instance: a reference check from now on
            }

            return same;
        }
    }
}

/// <summary>
/// One announcement body (<see cref="Request"/>, as rendered, without a nonce), encoded for every way it
/// is sent: a channel message or its edit, and a forum post.
/// </summary>
public sealed record AnnouncementBody(MessageRequest Request, PreparedMessage Message, Lazy<PreparedForumThread> ForumPost);
