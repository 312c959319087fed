using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// The application id read from GET /applications/@me when Discord:ApplicationId is not configured,
/// kept for the process (the typed HttpClient is transient; this is a singleton).
/// </summary>
internal sealed class CurrentApplicationCache
{
    private long _id;

    public Snowflake? Id
    {
        get => Interlocked.Read(ref _id) is var id and not 0 ? new Snowflake((ulong)id) : null;
        set => Interlocked.Exchange(ref _id, (long)(value?.Value ?? 0));
    }
}
