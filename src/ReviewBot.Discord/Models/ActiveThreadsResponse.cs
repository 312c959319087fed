namespace ReviewBot.Discord.Models;

/// <summary>Discord's ThreadsResponse: the threads (as channels); the members list is not needed here.</summary>
public sealed record ActiveThreadsResponse
{
    public IReadOnlyList<Channel> Threads { get; init; } = [];
}
