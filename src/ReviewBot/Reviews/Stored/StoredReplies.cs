using Microsoft.Extensions.Logging;
using ReviewBot.Charts;
using ReviewBot.Core.Answers;
using ReviewBot.Core.StoredAnswers;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Replies read whole from the answers stored with each review version (<see cref="StoredAnswerWriter"/>):
/// the message's JSON and the chart it attaches, each read into a rented array and sent from there,
/// so a first ask builds nothing. The arrays are the reply's <see cref="InteractionReply.Borrowed"/>,
/// handed back once it has been sent.
/// </summary>
public sealed class StoredReplies(StoredAnswerStore store, AnswerFormat format, ILogger<StoredReplies> logger)
{
    /// <summary>The chart's file as every stored /review carries it: its framing is made once, not per reply.</summary>
    private readonly FileFraming _chartFraming = FileFraming.For([new FileUpload(EpisodeChart.FileName, ReadOnlyMemory<byte>.Empty)]);

    /// <summary>
    /// The stored answer a version read should bring along (<see cref="ReviewVersionReader"/>): episode 0
    /// for /review, N for /episode N, in this build's format. None when the format cannot be made: the
    /// answer is then built, as when none is stored.
    /// </summary>
    public async ValueTask<StoredAnswerWanted?> WantedAsync(int episode, CancellationToken cancellationToken)
    {
        try
        {
            return new StoredAnswerWanted(episode, await format.GetAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("Could not name the format of stored answers; building the answer: {Reason}", ex.Message);
            return null;
        }
    }

    /// <summary>A stored answer read (here or with its version) as the reply, which borrows its arrays until it has been sent.</summary>
    private InteractionReply Reply(StoredAnswerRead read, ReplyKind kind)
    {
        IReadOnlyList<FileUpload>? files = read.Chart is { } chart ? [new FileUpload(EpisodeChart.FileName, chart.Memory)] : null;
        return InteractionReply.FromSerialized(new SerializedMessage(read.Message.Memory, files, _chartFraming), kind, borrowed: read);
    }

    /// <summary>
    /// The stored /review answer at exactly this version, with its chart; null when none is stored (the
    /// caller builds it). <paramref name="readWithVersion"/>: the answer the lookup read with the version
    /// (<see cref="WantedAsync"/>), taken as the reply's instead of reading it again; null to read it here.
    /// </summary>
    public ValueTask<InteractionReply?> FindReviewAsync(ReviewVersion version, ReplyKind kind, StoredAnswerRead? readWithVersion, CancellationToken cancellationToken) =>
        FindAsync(version, 0, version.Ratings, version.RatingSum, kind, readWithVersion, cancellationToken);

    /// <summary>The stored /episode answer for <paramref name="episode"/> at this version (it shows no community score); null when none is stored. As <see cref="FindReviewAsync"/>.</summary>
    public ValueTask<InteractionReply?> FindEpisodeAsync(ReviewVersion version, int episode, ReplyKind kind, StoredAnswerRead? readWithVersion, CancellationToken cancellationToken) =>
        episode > 0
            ? FindAsync(version, episode, 0, 0, kind, readWithVersion, cancellationToken)
            : ValueTask.FromResult<InteractionReply?>(null);

    private async ValueTask<InteractionReply?> FindAsync(
        ReviewVersion version, int episode, long ratings, long ratingSum, ReplyKind kind, StoredAnswerRead? readWithVersion, CancellationToken cancellationToken)
    {
        if (readWithVersion is not null)
        {
            return Reply(readWithVersion, kind);
        }

        StoredAnswerRead? read;
        try
        {
            var key = new StoredAnswerKey(version.ReviewId, episode, version.ContentHash, ratings, ratingSum, await format.GetAsync(cancellationToken));
            read = await store.ReadAsync(key, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A stored answer is a shortcut: when it cannot be read, the answer is built as if none were stored.
            logger.LogWarning("Could not read the stored answer of review {ReviewId} (episode {Episode}); building it: {Reason}", version.ReviewId, episode, ex.Message);
            return null;
        }

        return read is null ? null : Reply(read, kind);
    }
}
