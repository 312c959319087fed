using System.Text.Json.Serialization;

namespace ReviewBot.Discord.Models;

/// <summary>
/// The body of every message the client sends: create message, edits, interaction replies and
/// follow-ups (OpenAPI: MessageCreateRequest, MessageEditRequestPartial,
/// IncomingWebhookInteractionRequest, IncomingWebhookRequestPartial). allowed_mentions defaults to
/// parse nothing, so a message pings nobody unless it names who is meant.
/// </summary>
public sealed record MessageRequest
{
    public string? Content { get; init; }

    public IReadOnlyList<Embed>? Embeds { get; init; }

    public IReadOnlyList<MessageComponent>? Components { get; init; }

    public AllowedMentions AllowedMentions { get; init; } = AllowedMentions.None;

    public MessageFlags? Flags { get; init; }

    /// <summary>Create message only: up to 25 characters, echoed back and used for dedupe with <see cref="EnforceNonce"/>.</summary>
    public string? Nonce { get; init; }

    /// <summary>Create message only: the same nonce from the same author within a few minutes returns the existing message.</summary>
    public bool? EnforceNonce { get; init; }

    public bool? Tts { get; init; }

    /// <summary>Describes <see cref="Files"/> (one entry per file, id = its index); set by <c>MessageBuilder.AddFile</c>.</summary>
    public IReadOnlyList<AttachmentRequest>? Attachments { get; init; }

    /// <summary>Uploaded beside the JSON: any file turns the request into multipart/form-data.</summary>
    [JsonIgnore]
    public IReadOnlyList<FileUpload>? Files { get; init; }
}

/// <summary>POST /channels/{channel_id}/threads in a forum or media channel (OpenAPI: CreateForumThreadRequest).</summary>
public sealed record ForumThreadRequest
{
    /// <summary>1-100 characters.</summary>
    public required string Name { get; init; }

    /// <summary>The starter message.</summary>
    public required MessageRequest Message { get; init; }

    /// <summary>Minutes: 60, 1440, 4320 or 10080.</summary>
    public int? AutoArchiveDuration { get; init; }

    public IReadOnlyList<Snowflake>? AppliedTags { get; init; }
}

/// <summary>
/// PATCH /channels/{channel_id} on a thread, with only what the bot changes (OpenAPI: UpdateThreadRequestPartial).
/// <c>archived: false</c> reopens a thread the bot may send messages in, unless a moderator locked it.
/// </summary>
public sealed record ThreadUpdateRequest
{
    public bool? Archived { get; init; }
}
