using System.Net;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

public enum DeliveryFailureKind
{
    /// <summary>Discord refused the channel (403, 404 Unknown Channel): pause its subscriptions, send nothing more there.</summary>
    PauseChannel,

    /// <summary>Discord could not serve it (5xx, timeout, repeated 429) or refused the bot token (401): try again later.</summary>
    Retry,

    /// <summary>Discord rejected this one request (other 4xx): retrying would fail the same way.</summary>
    Fail,

    /// <summary>An edit found its message deleted (10008), or its forum post (10003 for the post's thread): nothing left to edit.</summary>
    MessageGone,
}

public sealed record DeliveryFailure(DeliveryFailureKind Kind, string Reason)
{
    private const int UnknownMessage = 10008;

    /// <summary>"Operation cannot be performed on an archived thread": Discord's answer to an edit in an archived forum post.</summary>
    private const int ThreadArchived = 50083;

    /// <summary>An edit of a forum post (a thread of its own) that Discord refused because the post is archived.</summary>
    public static bool IsArchivedPost(DiscordRestException error, AnnouncementWork work) =>
        work.IsEdit && work.MessageChannelId is { } posted && posted != work.ChannelId
        && error.Status == HttpStatusCode.BadRequest && error.Code == ThreadArchived;

    public static DeliveryFailure Classify(DiscordRestException error, AnnouncementWork work)
    {
        if (work.IsEdit && error.Status == HttpStatusCode.NotFound && error.Code == UnknownMessage)
        {
            return new DeliveryFailure(DeliveryFailureKind.MessageGone, "the posted message was deleted; nothing to edit");
        }

        // A forum post is a thread of its own, and its edit goes to that thread, not to the forum: the
        // thread's answers are about this one post, and the forum's subscriptions stay as they are.
        if (work.IsEdit && work.MessageChannelId is { } posted && posted != work.ChannelId)
        {
            switch (error.Status, error.Code)
            {
                case (HttpStatusCode.NotFound, ChannelAccessProblem.UnknownChannel):
                    return new DeliveryFailure(DeliveryFailureKind.MessageGone, "the forum post was deleted; nothing to edit");
                case (HttpStatusCode.Forbidden, ChannelAccessProblem.ThreadLocked):
                    return new DeliveryFailure(DeliveryFailureKind.Fail, "the forum post is locked (Discord: Thread Locked)");
                case (HttpStatusCode.Forbidden, ChannelAccessProblem.MissingPermissions) or (HttpStatusCode.BadRequest, ThreadArchived):
                    // Reopening an archived post a moderator locked takes Manage Threads: this one post keeps
                    // its old text, and the forum, where the bot may still post, is not paused for it.
                    return new DeliveryFailure(DeliveryFailureKind.Fail, $"the forum post is archived and the bot could not reopen it ({(int)error.Status}, code {error.Code}: {error.DiscordMessage})");
            }
        }

        if (ChannelAccessProblem.Describe(error, work.Kind) is { } access)
        {
            return new DeliveryFailure(DeliveryFailureKind.PauseChannel, access);
        }

        // A rejected token (reset in the developer portal) refuses every request alike, and the REST
        // client sends none until it changes: nothing is wrong with the announcement, so it waits for
        // its retry like after an outage instead of the whole queue failing for good in one pass.
        if (error.Status == HttpStatusCode.Unauthorized)
        {
            return new DeliveryFailure(DeliveryFailureKind.Retry, "Discord rejected the bot token (401); set a valid Discord:Token");
        }

        var status = (int)error.Status;
        return error.CouldNotServe
            ? new DeliveryFailure(DeliveryFailureKind.Retry, status == 0 ? $"no answer from Discord ({error.Message})" : $"Discord answered {status}: {error.DiscordMessage}")
            : new DeliveryFailure(DeliveryFailureKind.Fail, $"Discord rejected the message ({status}, code {error.Code}): {error.DiscordMessage}");
    }
}
