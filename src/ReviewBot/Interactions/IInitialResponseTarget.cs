using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

/// <summary>
/// Where an interaction's initial response goes: a callback request (the gateway) or the HTTP response
/// to Discord's request (the interactions endpoint). <see cref="InitialResponses"/> is given it before
/// the handler starts: the handler runs on the thread that took the interaction, and when it blocks
/// that thread, the defer is sent from the deadline timer's thread instead.
/// </summary>
public interface IInitialResponseTarget
{
    /// <summary>
    /// Sends <paramref name="response"/>; called exactly once for every interaction the bot answers,
    /// on the thread that ran the handler or on the deadline timer's. After a defer it also hands the
    /// handler's answer (<see cref="InitialResponse.Pending"/>) on to <see cref="LateReplies"/>.
    /// </summary>
    /// <param name="state">What the caller of <see cref="InitialResponses.AnswerAsync"/> passed along (the HTTP exchange), so one target serves every interaction.</param>
    ValueTask SendAsync(Interaction interaction, InitialResponse response, long receivedTimestamp, object? state, CancellationToken cancellationToken);
}
