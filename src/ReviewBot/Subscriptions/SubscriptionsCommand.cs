using System.Globalization;
using System.Text;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>
/// /subscriptions: this server's subscriptions with their state (active, or paused with the reason
/// and since when), the last post and the failed count, and a Resume button per paused one.
/// </summary>
public sealed class SubscriptionsCommand(SubscriptionStore subscriptions) : ISlashCommand
{
    /// <summary>custom_id prefix of the Resume buttons.</summary>
    public const string ResumePrefix = "sub-resume";

    public ApplicationCommandDefinition Definition { get; } = new()
    {
        Name = "subscriptions",
        Description = "List this server's review announcements and their state",
        DefaultMemberPermissions = SubscriptionAccess.Required,
        IntegrationTypes = CommandReach.ServerInstall,
        Contexts = CommandReach.ServerChannels,
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Integer,
                Name = PageOption,
                Description = "Which page, when the list is longer than one message (default: 1)",
                MinValue = 1,
            },
        ],
    };

    /// <summary>
    /// Room for the list in one embed description (Discord allows 4096 characters). Fifty subscriptions
    /// with pause reasons need more, and a cut-off list would hide subscriptions without saying so,
    /// so the list is split into pages of whole lines instead.
    /// </summary>
    internal const int PageBudget = 3900;

    private const string PageOption = "page";

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (SubscriptionAccess.Refusal(context) is { } refusal)
        {
            return InteractionReply.Ephemeral(refusal);
        }

        var list = await subscriptions.ListAsync(context.Interaction.GuildId!.Value.Value, cancellationToken);
        if (list.Count == 0)
        {
            return InteractionReply.Ephemeral("This server has no review announcements yet. /subscribe sets one up.");
        }

        var pages = Paginate(list);
        var page = (int)Math.Clamp(context.GetInt64(PageOption) ?? 1, 1, pages.Count);
        var shown = pages[page - 1];
        var text = new StringBuilder();
        foreach (var (_, line) in shown)
        {
            text.AppendLine(line);
        }

        var embed = new EmbedBuilder()
            .WithTitle($"Review announcements ({list.Count} of {SubscriptionStore.MaxPerGuild})")
            .WithDescription(text.ToString());
        if (pages.Count > 1)
        {
            embed.WithFooter(page < pages.Count
                ? string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pages.Count} · /subscriptions page:{page + 1} shows more")
                : string.Create(CultureInfo.InvariantCulture, $"Page {page} of {pages.Count}"));
        }

        var message = new MessageBuilder().AddEmbed(embed).Ephemeral();

        // One button per paused subscription on this page (a page holds no more than 5 rows of 5 can take).
        var paused = shown.Select(s => s.Status).Where(s => s.Subscription.IsPaused)
            .Select(s => Buttons.Primary($"{ResumePrefix}:{s.Subscription.Id}", $"Resume #{s.Subscription.Id}"));
        foreach (var row in ActionRowBuilder.Rows(paused))
        {
            message.AddRow(row);
        }

        return InteractionReply.From(message);
    }

    /// <summary>
    /// Whole lines per page, each page within <see cref="PageBudget"/> and with no more paused
    /// subscriptions than one message has Resume buttons for (short pause reasons fit more lines than
    /// that); always at least one page.
    /// </summary>
    private static List<List<(SubscriptionStatus Status, string Line)>> Paginate(IReadOnlyList<SubscriptionStatus> list)
    {
        const int ButtonsPerPage = DiscordLimits.ActionRows * DiscordLimits.ButtonsPerRow;
        var pages = new List<List<(SubscriptionStatus, string)>> { new() };
        var used = 0;
        var paused = 0;
        foreach (var status in list)
        {
            var line = Line(status);
            var length = line.Length + Environment.NewLine.Length;
            var isPaused = status.Subscription.IsPaused;
            if ((used + length > PageBudget || (isPaused && paused == ButtonsPerPage)) && pages[^1].Count > 0)
            {
                pages.Add([]);
                used = 0;
                paused = 0;
            }

            pages[^1].Add((status, line));
            used += length;
            paused += isPaused ? 1 : 0;
        }

        return pages;
    }

    private static string Line(SubscriptionStatus status)
    {
        var s = status.Subscription;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"**#{s.Id}** <#{s.ChannelId}> · {(s.ShowTitle is null ? "every show" : MarkdownEscaper.Escape(s.ShowTitle))}");
        if (s.MinVerdict is { } minimum)
        {
            line.Append(CultureInfo.InvariantCulture, $" · {minimum}/10 or better");
        }

        if (s.RoleId is { } role)
        {
            line.Append(CultureInfo.InvariantCulture, $" · mentions <@&{role}>");
        }

        line.Append(s.PausedAt is { } since
            ? string.Create(CultureInfo.InvariantCulture, $" · **paused** since <t:{since.ToUnixTimeSeconds()}:f>: {s.PauseReason}")
            : " · active");
        line.Append(s.LastPostAt is { } last
            ? string.Create(CultureInfo.InvariantCulture, $" · last post <t:{last.ToUnixTimeSeconds()}:R>")
            : " · no post yet");
        if (status.PendingCount > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" · {status.PendingCount} waiting");
        }

        if (status.FailedCount > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $" · {status.FailedCount} failed");
        }

        return line.ToString();
    }
}
