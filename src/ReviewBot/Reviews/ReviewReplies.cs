using ReviewBot.Core.Answers;
using ReviewBot.Discord.Interactions;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews;

/// <summary>A /review answer as a reply; shared by the command and the "Whole review" button.</summary>
public sealed class ReviewReplies(ReviewEmbedRenderer renderer)
{
    public MessageBuilder? Render(ReviewAnswer answer, out string? problem)
    {
        problem = null;
        switch (answer)
        {
            case ReviewAnswer.Found found:
                return renderer.Render(found.Review);
            case ReviewAnswer.ShowNotFound notFound:
                problem = NotFoundText.ShowNotFound(notFound.Query, notFound.Suggestions);
                return null;
            case ReviewAnswer.SeasonNotFound season:
                problem = NotFoundText.SeasonNotFound(season.Show, season.Season, season.AvailableSeasons);
                return null;
            default:
                throw new ArgumentOutOfRangeException(nameof(answer), answer.GetType().Name, "no reply for this answer");
        }
    }

    public InteractionReply ToReply(ReviewAnswer answer, ReplyKind kind) =>
        Render(answer, out var problem) is { } message
            ? new InteractionReply(message.Build(), kind)
            : InteractionReply.Ephemeral(problem!);
}
