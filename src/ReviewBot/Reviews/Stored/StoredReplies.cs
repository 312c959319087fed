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
public sealed class StoredReplies(StoredAnswerStore store, AnswerFormat format)
{
    /// <summary>The chart's file as every stored /review carries it: its framing is made once, not per reply.</summary>
    private readonly FileFraming _chartFraming = FileFraming.For([new FileUpload(EpisodeChart.FileName, ReadOnlyMemory<byte>.Empty)]);

    /// <summary>The stored /review answer at exactly this version, with its chart; null when none is stored (the caller builds it).</summary>
    public ValueTask<InteractionReply?> FindReviewAsync(ReviewVersion version, ReplyKind kind, CancellationToken cancellationToken) =>
        FindAsync(new StoredAnswerKey(version.ReviewId, 0, version.ContentHash, version.Ratings, version.RatingSum, format.Value), kind, cancellationToken);

    /// <summary>The stored /episode answer for <paramref name="episode"/> at this version (it shows no community score); null when none is stored.</summary>
    public ValueTask<InteractionReply?> FindEpisodeAsync(ReviewVersion version, int episode, ReplyKind kind, CancellationToken cancellationToken) =>
        episode > 0
            ? FindAsync(new StoredAnswerKey(version.ReviewId, episode, version.ContentHash, 0, 0, format.Value), kind, cancellationToken)
            : ValueTask.FromResult<InteractionReply?>(null);

    private async ValueTask<InteractionReply?> FindAsync(StoredAnswerKey key, ReplyKind kind, CancellationToken cancellationToken)
    {
        var read = await store.ReadAsync(key, cancellationToken);
        if (read is null)
        {
            return null;
        }

        IReadOnlyList<FileUpload>? files = read.Chart is { } chart ? [new FileUpload(EpisodeChart.FileName, chart.Memory)] : null;
        return InteractionReply.FromSerialized(new SerializedMessage(read.Message.Memory, files, _chartFraming), kind) with { Borrowed = read };
    }
}
