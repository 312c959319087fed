using System.Globalization;
using System.Text;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Commands.Subscriptions;

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
        Contexts = [InteractionContextType.Guild],
    };

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

        var text = new StringBuilder();
        foreach (var status in list)
        {
            text.AppendLine(Line(status));
        }

        var message = new MessageBuilder()
            .AddEmbed(new EmbedBuilder()
                .WithTitle($"Review announcements ({list.Count} of {SubscriptionStore.MaxPerGuild})")
                .WithDescription(text.ToString()))
            .Ephemeral();

        // One button per paused subscription: Discord allows 5 rows of 5.
        var paused = list.Where(s => s.Subscription.IsPaused).Take(DiscordLimits.ActionRows * DiscordLimits.ButtonsPerRow)
            .Select(s => Buttons.Primary($"{ResumePrefix}:{s.Subscription.Id}", $"Resume #{s.Subscription.Id}"));
        foreach (var row in ActionRowBuilder.Rows(paused))
        {
            message.AddRow(row);
        }

        return InteractionReply.From(message);
    }

    private static string Line(SubscriptionStatus status)
    {
        var s = status.Subscription;
        var line = new StringBuilder();
        line.Append(CultureInfo.InvariantCulture, $"**#{s.Id}** <#{s.ChannelId}> · {(s.ShowTitle is null ? "every show" : MarkdownEscaper.Escape(s.ShowTitle))}");
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
