using System.Security.Cryptography;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Reviews;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Names the way answers are rendered, so an answer stored by one build is only sent by a build that
/// would render it the same: <see cref="Revision"/>, which a change to what answers look like bumps,
/// and a hash of a fixed review's /review and /episode answers made by this build along the writer's
/// own path (<see cref="StoredAnswerRendering"/>: the queries that turn a stored review into an
/// answer, then the messages built from it), so it moves by itself with any change to them that the
/// fixed review shows. Not the assemblies' identities: a JIT and a native build of the same source
/// render alike, and switching between them must not make every stored answer stale.
/// </summary>
public sealed class AnswerFormat(StoredAnswerRendering rendering)
{
    /// <summary>Bump when answers change in a way the fixed review below does not show.</summary>
    public const int Revision = 6;

    private string? _value;

    /// <summary>The format of answers this build stores and sends; made on first use.</summary>
    public async ValueTask<string> GetAsync(CancellationToken cancellationToken) => _value ??= await ComputeAsync(cancellationToken);

    private async Task<string> ComputeAsync(CancellationToken cancellationToken)
    {
        var show = new ShowRecord(7, "Format Check *Show*", "format-check");
        EpisodeEntry[] guide =
        [
            new(1, "One", new Score(4, 5)),
            new(2, "Two — a longer title with _markdown_", new Score(2.5, 5)),
            new(4, "Four, after a gap", null),
        ];
        var stored = new StoredReview(
            42, show, 2, "Format Check Season 2 Review", "A headline", new Score(7, 10), "A summary.\n\nWith a second paragraph.",
            "Episode 1 starts well. Episode 2 was *fine*, then it was not. Nobody mentions episode 4.",
            new Uri("https://example.org/review"), "An author", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero), new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), guide);
        var review = ReadReview.Of(show, new ReviewForAnswer(stored, "2024-01-03T00:00:00.0000000Z", "format-check", 4, 29));

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(rendering.ReviewMessage((await rendering.ReviewAsync(review, cancellationToken))!, [1, 2, 3]));
        foreach (var entry in guide)
        {
            hash.AppendData((await rendering.EpisodeMessageAsync(review, entry.Number, cancellationToken))!);
        }

        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Revision}-{Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8))}");
    }
}
