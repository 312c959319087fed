namespace ReviewBot.Discord.Models;

/// <summary>
/// A page of a channel's archived threads (docs: Resources, Channel, List Public Archived Threads), most
/// recently archived first; <see cref="HasMore"/> when older ones follow.
/// </summary>
/// <remarks>
/// The source-generated JSON reader builds a record with an object initializer, so a field the JSON
/// leaves out is set to null over the property's initializer; the texts and lists declared non-null
/// turn a null back into empty, as every reader of them expects.
/// </remarks>
public sealed record ArchivedThreadsResponse
{
    public IReadOnlyList<Channel> Threads { get; init => field = value ?? []; } = [];

    public bool HasMore { get; init; }
}
