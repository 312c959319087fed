using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Rest;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// A review already read, made into the answers that are stored with it: the same queries that answer
/// a member (given the review instead of loading it), then the messages exactly as a reply builds them
/// (<see cref="ReviewReplies.StoredMessage"/>, <see cref="EpisodeReplies.StoredMessage"/>), encoded
/// as JSON. The one path both <see cref="StoredAnswerWriter"/> and <see cref="AnswerFormat"/> take,
/// so the format names what the writer stores.
/// </summary>
public sealed class StoredAnswerRendering(ReviewQuery reviews, EpisodeQuery episodes, ReviewEmbedRenderer reviewRenderer, EpisodeEmbedRenderer episodeRenderer)
{
    /// <summary>The /review answer of the review read, or null when it is not one (it has no such season).</summary>
    public async Task<ReviewAnswer.Found?> ReviewAsync(ReadReview review, CancellationToken cancellationToken) =>
        await reviews.AnswerAsync(
            new ReviewLookup(new ReviewRequest(review.Show.Slug, review.Season, ""), review.Show, review.Version, null) { Preloaded = review.Preloaded },
            cancellationToken) as ReviewAnswer.Found;

    /// <summary>The /review message as stored, with <paramref name="chart"/> attached (null where its episodes have nothing to draw).</summary>
    public byte[] ReviewMessage(ReviewAnswer.Found answer, byte[]? chart) =>
        SerializedMessage.Encode(ReviewReplies.StoredMessage(reviewRenderer, answer, chart));

    /// <summary>The /episode <paramref name="number"/> message as stored; null when the guide has no such episode.</summary>
    public async Task<byte[]?> EpisodeMessageAsync(ReadReview review, int number, CancellationToken cancellationToken) =>
        await episodes.AnswerAsync(
            new EpisodeLookup(new EpisodeRequest(number, review.Show.Slug, review.Season, ""), review.Show, review.Version, null) { Preloaded = review.Preloaded },
            cancellationToken) is EpisodeAnswer.Found found
            ? SerializedMessage.Encode(EpisodeReplies.StoredMessage(episodeRenderer, found, review.Show.Id))
            : null;
}

/// <summary>A review as one read of it, with its show, season and the version that read names: every answer made from it shows that version.</summary>
public sealed record ReadReview(ShowRecord Show, int Season, ReviewVersion Version, PreloadedReview Preloaded)
{
    public static ReadReview Of(ShowRecord show, ReviewForAnswer loaded) =>
        new(show, loaded.Review.Season, new ReviewVersion(loaded.Review.Id, loaded.UpdatedAt, loaded.ContentHash, loaded.Ratings, loaded.RatingSum), new PreloadedReview(loaded));
}
