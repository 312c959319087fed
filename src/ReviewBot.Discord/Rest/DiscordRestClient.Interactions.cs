using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// Interaction callbacks and the interaction webhook (token) routes. None of them count against the
/// global limit; each is its own bucket per interaction / webhook token (docs: Rate Limits).
/// </summary>
public sealed partial class DiscordRestClient
{
    /// <summary>
    /// POST /interactions/{interaction_id}/{interaction_token}/callback. Must happen within 3 s of the
    /// event. <see cref="InteractionCallbackWrites"/> tells when the request is on the connection.
    /// </summary>
    public Task CreateInteractionResponseAsync(
        Snowflake interactionId, string interactionToken, InteractionResponse response, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interactionId, interactionToken, InteractionCallbackBody.Create(response), cancellationToken);

    /// <summary>The same callback with its body already serialised, e.g. a finished answer kept for reuse.</summary>
    public Task CreateInteractionResponseAsync(
        Snowflake interactionId, string interactionToken, InteractionCallbackBody body, CancellationToken cancellationToken = default) =>
        SendAsync(CallbackRoute(interactionId, interactionToken), body.Request, cancellationToken, body.ContentType);

    /// <summary>Callback type 4: reply with a message now.</summary>
    public Task RespondAsync(Interaction interaction, MessageRequest message, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interaction.Id, interaction.Token, new InteractionResponse(InteractionCallbackType.ChannelMessageWithSource, message), cancellationToken);

    /// <summary>Callback type 5: "thinking…" now, the reply later via <see cref="EditOriginalResponseAsync"/>. Visibility is fixed here.</summary>
    public Task DeferAsync(Interaction interaction, bool ephemeral = false, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(
            interaction.Id,
            interaction.Token,
            new InteractionResponse(InteractionCallbackType.DeferredChannelMessageWithSource, ephemeral ? new MessageRequest { Flags = MessageFlags.Ephemeral } : null),
            cancellationToken);

    /// <summary>Callback type 6 (components only): acknowledge now, edit the source message later.</summary>
    public Task DeferUpdateAsync(Interaction interaction, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interaction.Id, interaction.Token, new InteractionResponse(InteractionCallbackType.DeferredUpdateMessage), cancellationToken);

    /// <summary>Callback type 7 (components only): edit the message the component belongs to.</summary>
    public Task UpdateMessageAsync(Interaction interaction, MessageRequest message, CancellationToken cancellationToken = default) =>
        CreateInteractionResponseAsync(interaction.Id, interaction.Token, new InteractionResponse(InteractionCallbackType.UpdateMessage, message), cancellationToken);

    /// <summary>Callback type 8: at most 25 suggestions (build them with <see cref="AutocompleteChoices"/>).</summary>
    public async Task RespondWithAutocompleteAsync(
        Interaction interaction, IReadOnlyList<ApplicationCommandOptionChoice> choices, CancellationToken cancellationToken = default)
    {
        var body = new AutocompleteResponse(new AutocompleteResponseData(choices));
        await SendAsync(CallbackRoute(interaction.Id, interaction.Token), System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(body, DiscordJsonContext.Default.AutocompleteResponse), cancellationToken);
    }

    /// <summary>PATCH /webhooks/{application_id}/{interaction_token}/messages/@original (usable for 15 minutes).</summary>
    public Task<Message> EditOriginalResponseAsync(Interaction interaction, MessageRequest message, CancellationToken cancellationToken = default)
    {
        var route = WebhookRoute(HttpMethod.Patch, interaction, OriginalMessage);
        return SendAsync(route, WithoutNonce(message), DiscordJsonContext.Default.MessageRequest, message.Files, DiscordJsonContext.Default.Message, cancellationToken);
    }

    /// <summary>
    /// DELETE /webhooks/{application_id}/{interaction_token}/messages/@original: removes the reply (or the
    /// "thinking…" of a defer), e.g. so an error after a public defer can go out as an ephemeral follow-up instead.
    /// </summary>
    public async Task DeleteOriginalResponseAsync(Interaction interaction, CancellationToken cancellationToken = default)
    {
        await SendAsync(WebhookRoute(HttpMethod.Delete, interaction, OriginalMessage) with { NotFoundAfterResendIsDone = true }, null, cancellationToken);
    }

    /// <summary>
    /// POST /webhooks/{application_id}/{interaction_token}: a follow-up message (right after a defer it fills the deferred reply).
    /// Executing a webhook takes no nonce, so Discord cannot tell a resend from a second message: a
    /// follow-up whose answer was lost (a timeout, a 502/504 after Discord acted) is not sent again
    /// but reported as a <see cref="DiscordRestException"/>; a user is better left without a message
    /// than shown the same one twice.
    /// </summary>
    public Task<Message> CreateFollowupMessageAsync(Interaction interaction, MessageRequest message, CancellationToken cancellationToken = default)
    {
        var route = WebhookRoute(HttpMethod.Post, interaction);
        return SendAsync(route, WithoutNonce(message), DiscordJsonContext.Default.MessageRequest, message.Files, DiscordJsonContext.Default.Message, cancellationToken);
    }

    private const string OriginalMessage = "/messages/@original";

    /// <summary>The interaction's webhook (its token is the major parameter), optionally a sub-path such as the original response.</summary>
    private static RestRoute WebhookRoute(HttpMethod method, Interaction interaction, string subPath = "")
    {
        var token = Uri.EscapeDataString(interaction.Token);
        return RestRoute.Interaction(
            method,
            "/webhooks/{application_id}/{interaction_token}" + subPath,
            $"/webhooks/{interaction.ApplicationId}/{token}{subPath}",
            $"webhook:{interaction.ApplicationId}/{token}");
    }

    private RestRoute CallbackRoute(Snowflake interactionId, string interactionToken)
    {
        var token = Uri.EscapeDataString(interactionToken);
        return new RestRoute(HttpMethod.Post, "/interactions/{interaction_id}/{interaction_token}/callback", $"{ApiBase()}/interactions/{interactionId}/{token}/callback", MajorParameter: "", IsInteraction: true)
        {
            PathIncludesBase = true, // every interaction has one: its URI is built as one string
            OneShot = true, // its bucket is never looked up by key
            CallbackFor = interactionId,

            // Discord takes one callback per interaction and refuses any after it, so a resend after a
            // lost answer can never show the response twice.
            ResendWithoutAnswer = true,
        };
    }

    private static MessageRequest WithoutNonce(MessageRequest message) => InteractionCallbackBody.WithoutNonce(message);
}
