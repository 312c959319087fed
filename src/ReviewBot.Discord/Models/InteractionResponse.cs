namespace ReviewBot.Discord.Models;

/// <summary>Interaction callback types (docs: Interaction Callback Type).</summary>
public enum InteractionCallbackType
{
    Pong = 1,
    ChannelMessageWithSource = 4,
    DeferredChannelMessageWithSource = 5,
    DeferredUpdateMessage = 6,
    UpdateMessage = 7,
    ApplicationCommandAutocompleteResult = 8,
}

/// <summary>
/// Body of POST /interactions/{id}/{token}/callback for types 1 and 4-7
/// (OpenAPI: CreateMessageInteractionCallbackRequest, UpdateMessageInteractionCallbackRequest).
/// </summary>
public sealed record InteractionResponse(InteractionCallbackType Type, MessageRequest? Data = null);

/// <summary>Body of an autocomplete result, callback type 8 (OpenAPI: ApplicationCommandAutocompleteCallbackRequest).</summary>
public sealed record AutocompleteResponse(AutocompleteResponseData Data)
{
    public InteractionCallbackType Type { get; init; } = InteractionCallbackType.ApplicationCommandAutocompleteResult;
}

/// <summary>At most 25 choices.</summary>
public sealed record AutocompleteResponseData(IReadOnlyList<ApplicationCommandOptionChoice> Choices);
