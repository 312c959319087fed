using System.Net;
using ReviewBot.Discord.Rest;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>
/// An announcement goes with its chart; a channel where the bot lacks Attach Files refuses the whole
/// message (403, 50013 Missing Permissions). That is not a reason to pause the channel: the same
/// announcement is sent once more without the chart (its scores as text). Nothing was posted by the
/// refused request, so the resend cannot double the message (a text message keeps its nonce too).
/// </summary>
internal static class ChartFallback
{
    private const int MissingPermissions = 50013;

    public static async Task<T> SendAsync<T>(Func<bool, Task<T>> send)
    {
        try
        {
            return await send(true);
        }
        catch (DiscordRestException error) when (error.Status == HttpStatusCode.Forbidden && error.Code == MissingPermissions)
        {
            // If the refusal was about something else (Send Messages), this second try fails the same way
            // and the caller pauses the channel as before.
            return await send(false);
        }
    }
}
