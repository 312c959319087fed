using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>What the first answer to an interaction is: a reply, a defer, or autocomplete suggestions.</summary>
public enum InitialResponseKind
{
    Reply,
    Defer,
    Autocomplete,
}

/// <summary>
/// An interaction's initial response, decided but not sent: the gateway path sends it as a callback
/// request, an HTTP endpoint could return it as its response body. Exactly one of
/// <see cref="Message"/> and <see cref="Autocomplete"/> is set, except for a reply made from its
/// JSON (a stored answer), which has only its <see cref="Body"/>.
/// </summary>
/// <param name="Name">The command name or component prefix, for logs and metric tags (never user text).</param>
/// <param name="InteractionKind">"command", "component", "autocomplete" or "modal", for metric tags.</param>
public sealed record InitialResponse(string Name, string InteractionKind, InitialResponseKind Kind)
{
    /// <summary>Callback 4 or 7 for a reply, 5 or 6 for a defer.</summary>
    public InteractionResponse? Message { get; init; }

    /// <summary>The callback request body already serialised (a finished answer kept for reuse): sent as is instead of serialising <see cref="Message"/>.</summary>
    public ReviewBot.Discord.Rest.InteractionCallbackBody? Body { get; init; }

    /// <summary>For a reply: the handler's answer that <see cref="Message"/> carries, so a transport that cannot send it as it is can defer and deliver it later (<see cref="InitialResponses.DeferReply"/>).</summary>
    public InteractionReply? Reply { get; init; }

    /// <summary>Callback 8.</summary>
    public AutocompleteResponse? Autocomplete { get; init; }

    /// <summary>After a defer: the handler still running, whose answer <see cref="LateReplies"/> delivers. It never faults; a stop cancels it.</summary>
    public Task<InteractionReply>? Pending { get; init; }

    /// <summary>The metric tag for <see cref="Kind"/>: reply, defer or autocomplete.</summary>
    public string KindTag => Kind switch
    {
        InitialResponseKind.Reply => "reply",
        InitialResponseKind.Defer => "defer",
        _ => "autocomplete",
    };
}
