using System.Globalization;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Subscriptions;

/// <summary>
/// /subscribe [channel] [show] [role]: post new reviews (all, or one show's) into a channel. The bot
/// first posts a short confirmation there; if Discord refuses, nothing is saved and the admin learns
/// which permission is missing.
/// </summary>
public sealed class SubscribeCommand(
    SubscriptionStore subscriptions,
    ShowOption shows,
    SubscriptionCommandOpening opening,
    ChannelProbe probe,
    ILogger<SubscribeCommand> logger) : IAutocompleteCommand
{
    public ApplicationCommandDefinition Definition { get; } = new()
    {
        Name = "subscribe",
        Description = "Post new reviews in a channel automatically",
        DefaultMemberPermissions = SubscriptionAccess.Required,
        IntegrationTypes = CommandReach.ServerInstall,
        Contexts = CommandReach.ServerChannels,
        Options =
        [
            SubscriptionTarget.Definition("A text, announcement or forum channel (default: this one)"),
            ShowOption.Definition("Only this show's reviews (default: every show)"),
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Role,
                Name = SubscriptionRole.OptionName,
                Description = "A role to mention in each announcement (default: nobody)",
            },
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Integer,
                Name = MinVerdictOption,
                Description = "Only reviews with at least this verdict out of 10, e.g. 8 (default: every review)",
                MinValue = NewSubscription.LowestMinVerdict,
                MaxValue = NewSubscription.HighestMinVerdict,
            },
        ],
    };

    private const string MinVerdictOption = "min_verdict";

    public Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken) =>
        shows.SuggestAsync(context, cancellationToken);

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var (input, refusal) = await opening.ReadAsync(context, SubscriptionTarget.Resolve, cancellationToken);
        if (input is null)
        {
            return refusal!;
        }

        var (guildId, target, show) = input;

        var (role, roleProblem) = SubscriptionRole.Read(context, guildId, target.ChannelId);
        if (roleProblem is not null)
        {
            return InteractionReply.Ephemeral(roleProblem);
        }

        // Discord enforces min_value and max_value in its client; the server checks again (a client can lie).
        // A value that is no whole number is refused too: read as left out, it would subscribe to every review.
        var minVerdict = context.GetInt64(MinVerdictOption);
        if (minVerdict is < NewSubscription.LowestMinVerdict or > NewSubscription.HighestMinVerdict
            || (minVerdict is null && context.Option(MinVerdictOption)?.Value is not null))
        {
            return InteractionReply.Ephemeral("min_verdict is a verdict out of 10: a whole number from 1 to 10.");
        }

        var minimum = (int?)minVerdict;
        var what = (show is null ? "every new review" : $"new reviews of {ShowOption.Bold(show.Title)}") + MinimumText(minimum);
        var existing = await subscriptions.ListAsync(guildId, cancellationToken);
        if (existing.FirstOrDefault(s => s.Subscription.ChannelId == target.ChannelId && s.Subscription.ShowId == show?.Id) is { } same)
        {
            return await ChangeAsync(same.Subscription, minimum, role, target, cancellationToken);
        }

        if (target.ChannelId == context.Interaction.ChannelId?.Value
            && ChannelProbe.MissingInCurrentChannel(context.Interaction.AppPermissions, target.Kind) is { Count: > 0 } missing)
        {
            return InteractionReply.Ephemeral(
                $"I can't post announcements in {target.Mention}: I lack {string.Join(", ", missing)} there. Give me that permission and try again. Nothing was saved.");
        }

        // The place is held before the note is posted: a note in a channel whose subscription a later
        // check refused (another /subscribe took the server's last place meanwhile) could not be taken back.
        var reserved = await subscriptions.ReserveAsync(
            new NewSubscription(guildId, target.ChannelId, target.Kind, show?.Id, role, context.Interaction.Invoker?.Id.Value, minimum),
            cancellationToken);
        if (reserved.Reservation is not { } reservation)
        {
            return Refused(reserved.Outcome, target, what);
        }

        var mention = MentionText(role);
        PostedNote? note;
        string? problem;
        try
        {
            (note, problem) = await probe.PostNoteAsync(
                target,
                $"ReviewBot will post {what} in this channel{mention}. (Set up by an admin with /subscribe; /unsubscribe stops it.)",
                "ReviewBot announcements start here",
                cancellationToken);
        }
        catch
        {
            // Stopped or failed on the way (the host shutting down): give the place back now rather than
            // after ReservationLifetime; the command's token may be cancelled, so without it.
            await subscriptions.ReleaseAsync(reservation, CancellationToken.None);
            throw;
        }

        if (note is null)
        {
            await subscriptions.ReleaseAsync(reservation, CancellationToken.None);
            return InteractionReply.Ephemeral(
                $"I can't post in {target.Mention}: {problem}. I need {ChannelAccessProblem.Required(target.Kind)} there. Nothing was saved.");
        }

        // The note is posted: the subscription it announces is saved even if the command is being
        // stopped now, so a note never stands in a channel without its subscription. If it cannot be
        // saved, the note is taken back instead.
        SubscribeResult result;
        try
        {
            result = await subscriptions.CompleteAsync(reservation, CancellationToken.None);
        }
        catch (Exception exception)
        {
            var reference = ErrorReference.New();
            logger.LogError(exception, "Saving the subscription of {ChannelId} in guild {GuildId} failed after its note was posted; error ref {ErrorRef}", target.ChannelId, guildId, reference);
            return await TakeBackAsync(
                note, reservation, target, $"I could not save the subscription for {target.Mention} (ref {reference}), so nothing was saved; try /subscribe again later.");
        }

        if (result.Outcome != SubscribeOutcome.Created)
        {
            // Refused after all (the place was held past its lifetime and taken meanwhile): the note announces nothing.
            return await TakeBackAsync(note, reservation, target, Refused(result.Outcome, target, what).Message.Content!);
        }

        logger.LogInformation("Guild {GuildId} subscribed {ChannelId} to {Show} (subscription {SubscriptionId})",
            guildId, target.ChannelId, show?.Title ?? "every show", result.Subscription!.Id);
        return InteractionReply.Ephemeral(
            $"Done: {target.Mention} will get {what}{mention}, starting with the next one published. /subscriptions lists this server's subscriptions.");
    }

    /// <summary>
    /// The subscription a posted note announces was not saved: the note is deleted (best effort), the
    /// place given back, and the admin told why, and that the note is gone or to delete it.
    /// </summary>
    private async Task<InteractionReply> TakeBackAsync(PostedNote note, SubscriptionReservation reservation, SubscriptionTarget target, string why)
    {
        var said = await probe.TakeBackAsync(note, target, why, CancellationToken.None);
        try
        {
            await subscriptions.ReleaseAsync(reservation, CancellationToken.None);
        }
        catch (Exception exception)
        {
            // The place lapses by itself after ReservationLifetime.
            logger.LogWarning(exception, "Could not give back the held place of {ChannelId}", target.ChannelId);
        }

        return InteractionReply.Ephemeral(said);
    }

    private static string MinimumText(int? minimum) =>
        minimum is { } m ? string.Create(CultureInfo.InvariantCulture, $" with a verdict of {m}/10 or better") : "";

    private static string MentionText(ulong? role) =>
        role is { } r ? string.Create(CultureInfo.InvariantCulture, $", mentioning <@&{r}>") : "";

    /// <summary>
    /// /subscribe again for the same channel and show changes what it names (an admin's way to tighten or
    /// loosen the minimum verdict, or to have another role mentioned); an option left out keeps what the
    /// subscription has, so without either it changes nothing, as before. No note is posted again: the
    /// channel has its subscription already.
    /// </summary>
    private async Task<InteractionReply> ChangeAsync(Subscription subscription, int? minimum, ulong? role, SubscriptionTarget target, CancellationToken cancellationToken)
    {
        var what = subscription.ShowTitle is null ? "every new review" : $"new reviews of {ShowOption.Bold(subscription.ShowTitle)}";
        var newMinimum = minimum is not null && minimum != subscription.MinVerdict;
        var newRole = role is not null && role != subscription.RoleId;
        if (!newMinimum && !newRole)
        {
            return InteractionReply.Ephemeral($"{target.Mention} already gets {what}{MinimumText(subscription.MinVerdict)}{MentionText(subscription.RoleId)}. Nothing changed.");
        }

        if (newMinimum)
        {
            await subscriptions.SetMinVerdictAsync(subscription.Id, minimum, cancellationToken);
            logger.LogInformation("Subscription {SubscriptionId} now wants verdicts of at least {MinVerdict}", subscription.Id, minimum);
        }

        if (newRole)
        {
            await subscriptions.SetRoleAsync(subscription.Id, role!.Value, cancellationToken);
            logger.LogInformation("Subscription {SubscriptionId} now mentions role {RoleId}", subscription.Id, role);
        }

        var now = newMinimum ? minimum : subscription.MinVerdict;
        return InteractionReply.Ephemeral(
            $"Changed: {target.Mention} now gets {what}{MinimumText(now)}{MentionText(newRole ? role : subscription.RoleId)}, from the next review on.");
    }

    private static InteractionReply Refused(SubscribeOutcome outcome, SubscriptionTarget target, string what) => InteractionReply.Ephemeral(outcome switch
    {
        SubscribeOutcome.Duplicate => $"{target.Mention} already gets {what}. Nothing changed.",
        SubscribeOutcome.InProgress => $"Another /subscribe for {target.Mention} is being set up right now. Nothing changed; /subscriptions shows it once it is done.",
        _ => LimitMessage,
    });

    private static string LimitMessage =>
        $"This server already has {SubscriptionStore.MaxPerGuild} subscriptions, the most ReviewBot keeps per server. Remove one with /unsubscribe first.";
}
