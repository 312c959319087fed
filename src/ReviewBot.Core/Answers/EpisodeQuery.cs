using ReviewBot.Core.Reviews;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Core.Storage;
using ReviewBot.Core.StoredAnswers;

namespace ReviewBot.Core.Answers;

/// <param name="Show">Optional: without it the channel's last show is used, else the one show with such an episode.</param>
public sealed record EpisodeRequest(int Number, string? Show, int? Season, string ChannelKey);

/// <summary>
/// An /episode question with its show found and the version of the review it will quote; answered
/// (<see cref="Answer"/>) already when no show could be chosen.
/// </summary>
/// <param name="Version">The review's version; null when the show has no review of that season (or the version was not asked for).</param>
public sealed record EpisodeLookup(EpisodeRequest Request, ShowRecord? Show, ReviewVersion? Version, EpisodeAnswer? Answer)
{
    /// <summary>The review as the lookup loaded it, when it had to load it to learn the version; the answer is then built from it.</summary>
    public PreloadedReview? Preloaded { get; init; }

    /// <summary>
    /// The stored answer the lookup was asked to bring, read with <see cref="Version"/> (null: none was
    /// wanted, none is stored for it, or the version was kept from before). Whoever takes the lookup disposes it, used or not.
    /// </summary>
    public StoredAnswerRead? Stored { get; init; }
}

/// <summary>/episode number:&lt;n&gt; [show:...] [season:&lt;n&gt;].</summary>
public sealed class EpisodeQuery(ShowResolver resolver, ShowTitleIndex index, ShowStore shows, ReviewStore reviews, ChannelContextStore channels, ReviewVersions versions)
{
    public async Task<EpisodeAnswer> AskAsync(EpisodeRequest request, CancellationToken cancellationToken) =>
        await AnswerAsync(await LookupAsync(request, readVersion: false, wanted: null, cancellationToken), cancellationToken);

    /// <summary>
    /// Chooses the show (named, the channel's last, or the one with such an episode) and remembers it
    /// for the channel, and reads the version of its review without loading it.
    /// </summary>
    public ValueTask<EpisodeLookup> LookupAsync(EpisodeRequest request, CancellationToken cancellationToken) =>
        LookupAsync(request, readVersion: true, wanted: null, cancellationToken);

    /// <summary>The same, bringing along the stored answer <paramref name="wanted"/> names when the version is read (<see cref="EpisodeLookup.Stored"/>).</summary>
    public ValueTask<EpisodeLookup> LookupAsync(EpisodeRequest request, StoredAnswerWanted? wanted, CancellationToken cancellationToken) =>
        LookupAsync(request, readVersion: true, wanted, cancellationToken);

    /// <summary>
    /// The whole answer: from the review the lookup loaded, if it did (at the lookup's version), else
    /// loaded now (as it is now, which may be newer than the lookup's version).
    /// </summary>
    public async Task<EpisodeAnswer> AnswerAsync(EpisodeLookup lookup, CancellationToken cancellationToken)
    {
        if (lookup.Answer is { } answered)
        {
            return answered;
        }

        var request = lookup.Request;
        var show = lookup.Show!;
        var showRef = new ShowRef(show.Title, show.Slug);
        // The same one-command read as /review's (its ratings unused): one round trip on PostgreSQL. With
        // the article's text: the answer quotes what it says about the episode.
        var loaded = lookup.Preloaded is { } preloaded ? preloaded.Review : await reviews.GetForAnswerAsync(show.Id, request.Season, withBody: true, cancellationToken);
        var review = loaded?.Review;
        if (review is null)
        {
            return new EpisodeAnswer.SeasonNotFound(showRef, request.Season ?? 0, await reviews.GetSeasonsAsync(show.Id, cancellationToken));
        }

        var episode = review.Episodes.FirstOrDefault(e => e.Number == request.Number);
        if (episode is null)
        {
            var first = review.Episodes.Count == 0 ? 0 : review.Episodes.Min(e => e.Number);
            var last = review.Episodes.Count == 0 ? 0 : review.Episodes.Max(e => e.Number);
            return new EpisodeAnswer.OutOfRange(showRef, review.Season, request.Number, first, last);
        }

        var lastEpisode = review.Episodes.Max(e => e.Number);
        int? previous = review.Episodes.Where(e => e.Number < episode.Number).Select(e => (int?)e.Number).Max();
        int? next = review.Episodes.Where(e => e.Number > episode.Number).Select(e => (int?)e.Number).Min();
        return new EpisodeAnswer.Found(
            showRef, review.Season, episode, EpisodeMentions.Find(review.Body, episode.Number, lastEpisode), review.Headline, review.SourceUrl, previous, next,
            review.Id, review.UpdatedAt);
    }

    private async ValueTask<EpisodeLookup> LookupAsync(EpisodeRequest request, bool readVersion, StoredAnswerWanted? wanted, CancellationToken cancellationToken)
    {
        ShowRecord? show;
        if (!string.IsNullOrWhiteSpace(request.Show))
        {
            (show, var suggestions) = await resolver.ResolveAsync(request.Show, cancellationToken);
            if (show is null)
            {
                return Answered(request, new EpisodeAnswer.ShowNotFound(request.Show, suggestions.Select(s => new ShowRef(s.Title, s.Slug)).ToList()));
            }
        }
        else
        {
            show = await FromChannelAsync(request.ChannelKey, cancellationToken);
            if (show is null)
            {
                var (newest, total) = await reviews.FindShowsWithEpisodeAsync(request.Number, request.Season, EpisodeAnswer.WhichShow.MostOffered, cancellationToken);
                if (total == 0)
                {
                    return Answered(request, new EpisodeAnswer.NoSuchEpisode(request.Number, request.Season));
                }

                if (total > 1)
                {
                    return Answered(request, new EpisodeAnswer.WhichShow(
                        request.Number,
                        newest.Select(c => new ShowSeason(new ShowRef(c.Show.Title, c.Show.Slug), c.Season)).ToList())
                    {
                        Total = total,
                    });
                }

                show = newest[0].Show;
            }
        }

        await channels.SetAsync(request.ChannelKey, show.Id, cancellationToken);
        if (!readVersion)
        {
            return new EpisodeLookup(request, show, null, null);
        }

        var (version, preloaded, stored) = await versions.LookupAsync(show.Id, request.Season, wanted, cancellationToken);
        return new EpisodeLookup(request, show, version, null) { Preloaded = preloaded, Stored = stored };
    }

    private static EpisodeLookup Answered(EpisodeRequest request, EpisodeAnswer answer) => new(request, null, null, answer);

    /// <summary>
    /// The channel's last show, from the in-memory title index (no round trip on PostgreSQL while its
    /// listener is told of every change to the shows), else from the store.
    /// </summary>
    private async Task<ShowRecord?> FromChannelAsync(string channelKey, CancellationToken cancellationToken) =>
        await channels.GetShowIdAsync(channelKey, cancellationToken) is { } id
            ? await index.FindAsync(id, static (shows, id) => shows.FindById(id), cancellationToken) ?? await shows.GetByIdAsync(id, cancellationToken)
            : null;
}
