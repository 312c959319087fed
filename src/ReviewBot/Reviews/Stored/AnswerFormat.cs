using System.Security.Cryptography;
using ReviewBot.Core.Answers;
using ReviewBot.Core.Ratings;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Rest;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews.Stored;

/// <summary>
/// Names the way answers are rendered, so an answer stored by one build is only sent by a build that
/// would render it the same: <see cref="Revision"/>, which a change to what answers look like bumps,
/// and a hash of a fixed /review and /episode rendered by this build, which moves by itself with any
/// change to the renderers or the encoding that shows in them. Not the assemblies' identities: a JIT
/// and a native build of the same source render alike, and switching between them must not make
/// every stored answer stale.
/// </summary>
public sealed class AnswerFormat(ReviewEmbedRenderer reviews, EpisodeEmbedRenderer episodes)
{
    /// <summary>Bump when answers change in a way the fixed answers below do not show.</summary>
    public const int Revision = 1;

    private string? _value;

    /// <summary>The format of answers this build stores and sends; computed on first use (a millisecond of rendering).</summary>
    public string Value => _value ??= Compute();

    private string Compute()
    {
        var show = new ShowRef("Format Check *Show*", "format-check");
        EpisodeEntry[] guide =
        [
            new(1, "One", new Score(4, 5)),
            new(2, "Two — a longer title with _markdown_", new Score(2.5, 5)),
            new(3, "Three", null),
        ];
        var review = new ReviewDetails(
            show, 2, "A headline", new Score(7, 10), "A summary.\n\nWith a second paragraph.", guide, new Score(3.3, 5),
            [guide[0]], [guide[1]], new Uri("https://example.org/review"), "An author", new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
            ReviewId: 42, UpdatedAt: new DateTimeOffset(2024, 1, 3, 0, 0, 0, TimeSpan.Zero), Community: new CommunityScore(7.25, 4));
        var reviewJson = SerializedMessage.Encode(reviews.Render(review, new byte[] { 1, 2, 3 }).Build());
        var episode = new EpisodeAnswer.Found(show, 2, guide[1], ["It was *fine*.", "Then it was not."], "A headline", new Uri("https://example.org/review"), 1, 3);
        var episodeJson = SerializedMessage.Encode(episodes.Render(episode, new EpisodeNavigation(1, "p", 3, "n", "w")).Build());

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(reviewJson);
        hash.AppendData(episodeJson);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Revision}-{Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8))}");
    }
}
