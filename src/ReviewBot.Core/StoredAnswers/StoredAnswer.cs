using ReviewBot.Core.Charts;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.StoredAnswers;

/// <summary>
/// One finished answer of a review version: <see cref="Episode"/> 0 is /review, N is /episode N.
/// <see cref="Ratings"/> and <see cref="RatingSum"/> are the community score it shows (0 and 0 when it
/// shows none); <see cref="WithChart"/> says the message attaches the review's stored chart, which is
/// read with it rather than stored in it; <see cref="Message"/> is the message object as UTF-8 JSON.
/// </summary>
public sealed record StoredAnswer(int Episode, long Ratings, long RatingSum, bool WithChart, ReadOnlyMemory<byte> Message);

/// <summary>
/// Everything a stored answer must have been built from to be sent: the review and the answer
/// (<see cref="Episode"/>, 0 for /review), the review's version (its content hash), the community score
/// the answer would show now, and the build of the renderers and options (<see cref="Format"/>, opaque).
/// </summary>
public readonly record struct StoredAnswerKey(long ReviewId, int Episode, string ContentHash, long Ratings, long RatingSum, string Format);

/// <summary>
/// A stored answer read into rented arrays: the message, and the review's chart when the message
/// attaches it. <see cref="Dispose"/> hands both arrays back, after which neither may be read; call it
/// once the message has been sent (a cache that keeps the answer keeps a copy).
/// </summary>
public sealed class StoredAnswerRead : IRented
{
    internal StoredAnswerRead(RentedBytes message, RentedBytes? chart)
    {
        Message = message;
        Chart = chart;
    }

    /// <summary>The message object, UTF-8 JSON.</summary>
    public RentedBytes Message { get; }

    /// <summary>The chart's PNG when the answer attaches it; null when it does not.</summary>
    public RentedBytes? Chart { get; }

    public void Dispose()
    {
        Message.Dispose();
        Chart?.Dispose();
    }
}

/// <summary>
/// The stored answer a version read brings along with the version (Answers' ReviewVersionReader):
/// <see cref="Episode"/> 0 is /review, N is /episode N, rendered in <see cref="Format"/>. The rest of its
/// <see cref="StoredAnswerKey"/> is the version read with it: its content hash, and for /review the
/// community score it has now (an /episode answer shows none, so it is stored with 0 and 0).
/// </summary>
public readonly record struct StoredAnswerWanted(int Episode, string Format);
