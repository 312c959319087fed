using System.Globalization;
using ReviewBot.Core.Ratings;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Ratings;

/// <summary>/top as one embed: a field per list, numbered, with the other list's figure beside each season.</summary>
public sealed class TopEmbedRenderer
{
    private const int TitleLength = 40;

    public MessageBuilder Render(TopReviews top)
    {
        var embed = new EmbedBuilder()
            .WithTitle("Top seasons")
            .WithColor(0xF1C40F)
            .AddField("By the critic's verdict", top.ByVerdict.Count == 0 ? "No verdicts yet." : Lines(top.ByVerdict, byCommunity: false))
            .AddField(
                string.Create(CultureInfo.InvariantCulture, $"By the community (at least {top.MinimumRatings} ratings)"),
                top.ByCommunity.Count == 0
                    ? string.Create(CultureInfo.InvariantCulture, $"No season has {top.MinimumRatings} ratings yet: rate one under /review.")
                    : Lines(top.ByCommunity, byCommunity: true))
            .WithFooter("Equal verdicts: higher community score first, then the newer review. Equal community scores: more ratings first.");
        return new MessageBuilder().AddEmbed(embed);
    }

    /// <summary>
    /// One whole line per season; a line that would take the field past Discord's 1024 characters is
    /// left out with those after it and counted in a last "…and N more" line, never cut.
    /// </summary>
    private static string Lines(IReadOnlyList<RankedReview> list, bool byCommunity)
    {
        var lines = new List<string>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var season = list[i];
            var title = MarkdownEscaper.Escape(TextShortener.Shorten(season.ShowTitle, TitleLength));
            var verdict = season.VerdictOutOfTen is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0.#}/10") : "no verdict";
            var community = season.Community is { Average: { } a, Count: var n and > 0 }
                ? string.Create(CultureInfo.InvariantCulture, $"{a:0.0}/10 ({n} {(n == 1 ? "rating" : "ratings")})")
                : "not rated";
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"`{i + 1,2}.` **{title}** S{season.Season} · ")
                + (byCommunity ? $"**{community}** · verdict {verdict}" : $"**{verdict}** · community {community}"));
        }

        return WholeItems.Join("", lines, "\n", DiscordLimits.EmbedFieldValue);
    }
}
