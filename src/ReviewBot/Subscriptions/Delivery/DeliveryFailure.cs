using System.Net;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

public enum DeliveryFailureKind
{
    /// <summary>Discord refused the channel (403, 404 Unknown Channel): pause its subscriptions, send nothing more there.</summary>
    PauseChannel,

    /// <summary>Discord could not serve it (5xx, timeout, repeated 429): try again later.</summary>
    Retry,

    /// <summary>Discord rejected this one request (other 4xx): retrying would fail the same way.</summary>
    Fail,

    /// <summary>An edit found its message deleted (10008): nothing left to edit.</summary>
    MessageGone,
}

public sealed record DeliveryFailure(DeliveryFailureKind Kind, string Reason)
{
    private const int UnknownMessage = 10008;

    public static DeliveryFailure Classify(DiscordRestException error, ChannelKind kind, bool isEdit)
    {
        if (isEdit && error.Status == HttpStatusCode.NotFound && error.Code == UnknownMessage)
        {
            return new DeliveryFailure(DeliveryFailureKind.MessageGone, "the posted message was deleted; nothing to edit");
        }

        if (ChannelAccessProblem.Describe(error, kind) is { } access)
        {
            return new DeliveryFailure(DeliveryFailureKind.PauseChannel, access);
        }

        var status = (int)error.Status;
        // Status 0: no answer at all (timeouts, dropped connections) after the client's own retries.
        return status == 0 || status >= 500 || status == 429
            ? new DeliveryFailure(DeliveryFailureKind.Retry, status == 0 ? $"no answer from Discord ({error.Message})" : $"Discord answered {status}: {error.DiscordMessage}")
            : new DeliveryFailure(DeliveryFailureKind.Fail, $"Discord rejected the message ({status}, code {error.Code}): {error.DiscordMessage}");
    }
}
