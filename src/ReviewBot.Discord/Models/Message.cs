using System.Text.Json;
using System.Text.Json.Serialization;
using ReviewBot.Discord.Interactions;

namespace ReviewBot.Discord.Models;

/// <summary>Message flags (docs: Message Flags).</summary>
[Flags]
public enum MessageFlags
{
    None = 0,
    SuppressEmbeds = 1 << 2,

    /// <summary>Only for interaction replies and follow-ups: only the invoker sees the message.</summary>
    Ephemeral = 1 << 6,
    SuppressNotifications = 1 << 12,
}

/// <summary>A message as Discord returns it (OpenAPI: MessageResponse), the fields the bot reads.</summary>
/// <remarks>
/// The source-generated JSON reader builds a record with an object initializer, so a field the JSON
/// leaves out is set to null over the property's initializer; the texts and lists declared non-null
/// turn a null back into empty, as every reader of them expects.
/// </remarks>
public sealed record Message
{
    public required Snowflake Id { get; init; }

    public Snowflake ChannelId { get; init; }

    public string Content { get; init => field = value ?? ""; } = "";

    public User? Author { get; init; }

    public IReadOnlyList<Embed> Embeds { get; init => field = value ?? []; } = [];

    public IReadOnlyList<MessageComponent> Components { get; init => field = value ?? []; } = [];

    /// <summary>Echo of the nonce we sent: a string or an integer on the wire.</summary>
    public JsonElement? Nonce { get; init; }

    public MessageFlags? Flags { get; init; }

    public string? Timestamp { get; init; }

    /// <summary>For a message sent in answer to an interaction: that interaction, with who started it.</summary>
    public MessageInteractionMetadata? InteractionMetadata { get; init; }

    /// <summary>The older form of <see cref="InteractionMetadata"/>, which Discord still sends beside it (deprecated).</summary>
    public MessageInteraction? Interaction { get; init; }

    /// <summary>
    /// The member whose interaction this message answers (docs: Message Object, interaction_metadata,
    /// else the deprecated interaction); null for a message no interaction made (a post, an announcement).
    /// </summary>
    [JsonIgnore]
    public User? Asker => InteractionMetadata?.User ?? Interaction?.User;
}

/// <summary>
/// docs: Message, "Message Interaction Metadata Object" (OpenAPI: ApplicationCommandInteractionMetadataResponse,
/// MessageComponentInteractionMetadataResponse, ModalSubmitInteractionMetadataResponse), the fields the bot reads.
/// </summary>
public sealed record MessageInteractionMetadata
{
    public required Snowflake Id { get; init; }

    public InteractionType Type { get; init; }

    /// <summary>The user who started the interaction.</summary>
    public User? User { get; init; }
}

/// <summary>docs: Message, "Message Interaction Object" (OpenAPI: MessageInteractionResponse), deprecated for <see cref="MessageInteractionMetadata"/>.</summary>
public sealed record MessageInteraction
{
    public required Snowflake Id { get; init; }

    public InteractionType Type { get; init; }

    public string? Name { get; init; }

    public User? User { get; init; }
}

/// <summary>
/// What a sender keeps of the message Discord returns for a create or an edit: where it is. Reading
/// only these fields skips the echoed embeds and components instead of building them.
/// </summary>
public sealed record PostedMessage
{
    public required Snowflake Id { get; init; }

    public Snowflake ChannelId { get; init; }
}
