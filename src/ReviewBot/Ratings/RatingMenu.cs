using System.Globalization;
using ReviewBot.Charts;
using ReviewBot.Core.Ratings;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Ratings;

/// <summary>
/// The rating select menu under a review ("rate:{reviewId}") and the "Community" field beside the
/// critic's verdict, which a rating updates in place.
/// </summary>
public static class RatingMenu
{
    public const string CustomIdPrefix = "rate";

    public const string FieldName = "Community";

    /// <summary>Not a rating: "Remove my rating".</summary>
    public const string RemoveValue = "remove";

    public static MessageComponent Row(long reviewId)
    {
        var select = new StringSelectBuilder(string.Create(CultureInfo.InvariantCulture, $"{CustomIdPrefix}:{reviewId}"))
            .WithPlaceholder("Rate this season, 1 to 10")
            .WithValueCount(1, 1);
        for (var rating = CommunityRatingStore.Highest; rating >= CommunityRatingStore.Lowest; rating--)
        {
            var value = rating.ToString(CultureInfo.InvariantCulture);
            select.AddOption($"{value}/10", value, Describe(rating));
        }

        select.AddOption("Remove my rating", RemoveValue, "Take back the rating you gave");
        return select.BuildRow();
    }

    /// <summary>
    /// The longest <see cref="FieldValue"/> there can be: the highest average over as many ratings as
    /// the count holds. A press changes the field in the message Discord sent without building the
    /// rest again, so a message that shows the field keeps this much room for it.
    /// </summary>
    public static int LongestFieldValue { get; } =
        Math.Max(FieldValue(new CommunityScore(CommunityRatingStore.Highest, int.MaxValue)).Length, FieldValue(CommunityScore.None).Length);

    /// <summary>How many characters the field showing <paramref name="score"/> may still grow by as members rate.</summary>
    public static int RoomToGrow(CommunityScore score) => LongestFieldValue - FieldValue(score).Length;

    /// <summary>"**7.4**/10 · 23 ratings", or an invitation when nobody has rated yet.</summary>
    public static string FieldValue(CommunityScore score) => score is { Average: { } average, Count: > 0 }
        ? string.Create(CultureInfo.InvariantCulture, $"**{average:0.0}**/10 · {score.Count} {(score.Count == 1 ? "rating" : "ratings")}")
        : "No ratings yet: rate below";

    /// <summary>
    /// The pressed message with only its Community field changed, as the body of an UPDATE_MESSAGE
    /// answer: the rest of the message is what Discord sent with the interaction, so the press costs
    /// no request besides its answer. Null when the message has no Community field to update, or
    /// shows another review's: the menu pressed (<paramref name="customId"/>) is not among the
    /// components Discord sent with it, so its review's score is not this message's to show.
    /// </summary>
    /// <remarks>
    /// A longer score can take the message past the 6000 characters of its embeds (a message sent
    /// before it kept room for the field, or filled to the last character by another renderer): Discord
    /// would refuse the whole answer, so that embed's description gives way by the difference. When it
    /// cannot, the message is left as it is (null) and the rater is told the score alone.
    /// </remarks>
    public static MessageRequest? WithScore(Message? message, string? customId, CommunityScore score)
    {
        if (message is null || (message.Components.Count > 0 && !Carries(message.Components, customId)))
        {
            return null;
        }

        var embeds = message.Embeds.ToList();
        var changed = embeds.FindIndex(embed => embed.Fields is { } fields && fields.Any(f => f.Name == FieldName));
        if (changed < 0)
        {
            return null;
        }

        var embed = embeds[changed];
        embeds[changed] = embed with
        {
            Fields = embed.Fields!.Select(f => f.Name == FieldName ? f with { Value = FieldValue(score) } : f).ToList(),
            Image = ChartReference(embed.Image),
        };
        var excess = embeds.Sum(EmbedBuilder.CountCharacters) - DiscordLimits.EmbedTotalCharacters;
        if (excess > 0)
        {
            var description = embeds[changed].Description?.Trim() ?? "";
            if (description.Length - excess < 1)
            {
                return null;
            }

            embeds[changed] = embeds[changed] with { Description = MarkdownShortener.Shorten(description, description.Length - excess) };
        }

        return new MessageRequest { Embeds = embeds };
    }

    private static bool Carries(IReadOnlyList<MessageComponent> components, string? customId) =>
        components.Any(c => c.CustomId == customId || (c.Components is { } inner && Carries(inner, customId)));

    /// <summary>
    /// Discord sends the embed's image as the attachment's CDN address; the update points at the attachment
    /// again (it sends no attachments list, so the message keeps its file), so the chart stays inside
    /// the embed instead of also showing as a loose file.
    /// </summary>
    private static EmbedMedia? ChartReference(EmbedMedia? image) =>
        image is { Url: var url } && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            && Path.GetFileName(uri.AbsolutePath) == EpisodeChart.FileName
            ? new EmbedMedia("attachment://" + EpisodeChart.FileName)
            : image;

    private static string? Describe(int rating) => rating switch
    {
        10 => "A masterpiece",
        8 or 9 => "Great",
        6 or 7 => "Good",
        4 or 5 => "Mixed",
        2 or 3 => "Poor",
        1 => "Dreadful",
        _ => null,
    };
}
