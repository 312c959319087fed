namespace ReviewBot.Discord.Models;

/// <summary>
/// A page of a channel's archived threads (docs: Resources, Channel, List Public Archived Threads), most
/// recently archived first; <see cref="HasMore"/> when older ones follow.
/// </summary>
public sealed record ArchivedThreadsResponse
{
    public IReadOnlyList<Channel> Threads { get; init; } = [];

    public bool HasMore { get; init; }
}
