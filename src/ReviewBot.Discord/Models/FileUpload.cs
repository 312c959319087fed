namespace ReviewBot.Discord.Models;

/// <summary>
/// A file sent with a message: uploaded as part <c>files[n]</c> of a multipart/form-data request, beside
/// <c>payload_json</c> (docs: Reference, Uploading Files). An embed shows it with
/// <c>attachment://{FileName}</c>. Discord allows 10 files per message.
/// </summary>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType = "image/png");

/// <summary>
/// An attachment entry in <c>payload_json</c> (OpenAPI: MessageAttachmentRequest): <see cref="Id"/> is the
/// index n of the part <c>files[n]</c> it describes. On an edit, the list names every attachment the
/// message keeps, so a new file in it replaces the old ones.
/// </summary>
public sealed record AttachmentRequest(string Id, string Filename)
{
    public string? Description { get; init; }
}
