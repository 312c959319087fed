namespace ReviewBot.Core.Import;

/// <summary>
/// The one way a review enters the store, whatever brought it (the import verb, the inbox folder, a
/// feed): parse, then save in one transaction. Sources hand text here and act on the result.
/// </summary>
public interface IReviewImporter
{
    Task<ImportResult> ImportAsync(ReviewDocument document, CancellationToken cancellationToken);
}

/// <summary>Where a review's text came from.</summary>
public enum ReviewOrigin
{
    File,
    Inbox,
    Feed,
}

/// <param name="SourceKey">Stable identity of the source item (a file's full path, a feed item's guid or link); the same key updates the same review. The importer stores a key over <see cref="SourceKeys.MaxBytes"/> as its SHA-256 (<see cref="SourceKeys.Bounded"/>).</param>
/// <param name="DisplayName">What error messages call it: a file path, or a feed URL plus item title.</param>
/// <param name="Text">The article text, plain or Markdown (the format is detected).</param>
/// <param name="Announce">False for back-catalogue imports and a feed's first poll: stored, never announced.</param>
/// <param name="SourceUrl">The article's URL when the source knows it and the text does not say.</param>
public sealed record ReviewDocument(
    string SourceKey,
    string DisplayName,
    string Text,
    ReviewOrigin Origin,
    bool Announce = true,
    Uri? SourceUrl = null);

public enum ImportStatus
{
    /// <summary>A new review was stored.</summary>
    Created,

    /// <summary>An existing review (same source key, or same show and season) changed and was updated in place.</summary>
    Updated,

    /// <summary>The same content was imported before; nothing changed.</summary>
    Unchanged,

    /// <summary>The text is not a review, or is malformed; nothing was written.</summary>
    Rejected,
}

/// <param name="Error">For <see cref="ImportStatus.Rejected"/>: what was wrong and what was expected.</param>
/// <param name="Line">For <see cref="ImportStatus.Rejected"/>: the 1-based line the problem is on, when there is one.</param>
/// <param name="NotAReview">True when the text is simply not a review (news, a recap without an episode guide), as opposed to a broken one.</param>
public sealed record ImportResult(
    ImportStatus Status,
    string DisplayName,
    long? ReviewId = null,
    string? ShowSlug = null,
    string? Error = null,
    int? Line = null,
    bool NotAReview = false)
{
    private readonly string? _error = Error is null ? null : RefusalText.Visible(Error);

    /// <summary>Every refusal of every source is made here, so what it quotes shows its invisible characters (<see cref="RefusalText"/>).</summary>
    public string? Error
    {
        get => _error;
        init => _error = value is null ? null : RefusalText.Visible(value);
    }

    public bool Succeeded => Status != ImportStatus.Rejected;

    /// <summary>The line a person reads; the name, a path or a feed item's title, shown as the error is.</summary>
    public override string ToString() => Status == ImportStatus.Rejected
        ? Line is { } line ? $"{Name}:{line}: {Error}" : $"{Name}: {Error}"
        : $"{Name}: {Status.ToString().ToLowerInvariant()} ({ShowSlug})";

    /// <summary>
    /// The name as the line starts with it; quoted when it is empty or has a space at an edge (an unset
    /// shell variable, a stray quote), which unquoted was a line starting with ": " or with spaces
    /// nobody sees. Any other name is shown as it is, so a path can be copied from the line.
    /// </summary>
    private string Name => DisplayName.Length == 0 || char.IsWhiteSpace(DisplayName[0]) || char.IsWhiteSpace(DisplayName[^1])
        ? $"\"{RefusalText.Visible(DisplayName)}\""
        : RefusalText.Visible(DisplayName);
}
