namespace ReviewBot.Discord.Models;

/// <summary>Discord's ThreadsResponse: the threads (as channels); the members list is not needed here.</summary>
/// <remarks>
/// The source-generated JSON reader builds a record with an object initializer, so a field the JSON
/// leaves out is set to null over the property's initializer; the texts and lists declared non-null
/// turn a null back into empty, as every reader of them expects.
/// </remarks>
public sealed record ActiveThreadsResponse
{
    public IReadOnlyList<Channel> Threads { get; init => field = value ?? []; } = [];
}
