using System.Globalization;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>
    /// GET /guilds/{guild_id}/threads/active: the server's active threads the bot can see, forum posts
    /// included. Start-thread-in-forum takes no nonce, so this is how a caller finds out whether a post
    /// whose answer it never got was created after all.
    /// </summary>
    public Task<ActiveThreadsResponse> ListActiveGuildThreadsAsync(Snowflake guildId, CancellationToken cancellationToken = default) =>
        SendAsync(
            RestRoute.Create(HttpMethod.Get, "/guilds/{guild_id}/threads/active", $"/guilds/{guildId}/threads/active", $"guild:{guildId}"),
            DiscordJsonContext.Default.ActiveThreadsResponse,
            cancellationToken);

    /// <summary>
    /// GET /channels/{channel_id}/threads/archived/public: up to <paramref name="limit"/> (at most 100) of
    /// the channel's archived public threads, most recently archived first, those archived before
    /// <paramref name="before"/> when it is given. A forum post nobody wrote in is archived after its
    /// auto-archive duration (an hour at the least) and no longer listed as active.
    /// </summary>
    public Task<ArchivedThreadsResponse> ListPublicArchivedThreadsAsync(Snowflake channelId, DateTimeOffset? before, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, 100);
        var query = before is { } time
            ? string.Create(CultureInfo.InvariantCulture, $"?before={Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture))}&limit={limit}")
            : string.Create(CultureInfo.InvariantCulture, $"?limit={limit}");
        return SendAsync(
            RestRoute.Create(HttpMethod.Get, "/channels/{channel_id}/threads/archived/public", $"/channels/{channelId}/threads/archived/public{query}", $"channel:{channelId}"),
            DiscordJsonContext.Default.ArchivedThreadsResponse,
            cancellationToken);
    }

    /// <summary>
    /// PATCH /channels/{channel_id} with <c>archived: false</c>: reopens an archived thread (a forum post nobody
    /// wrote in for its auto-archive duration), where Discord edits no message until it is reopened (50083).
    /// Needs Send Messages in Threads there, and Manage Threads when a moderator locked it.
    /// </summary>
    public Task<Channel> UnarchiveThreadAsync(Snowflake threadId, CancellationToken cancellationToken = default) =>
        SendAsync(
            RestRoute.Create(HttpMethod.Patch, "/channels/{channel_id}", $"/channels/{threadId}", $"channel:{threadId}"),
            new ThreadUpdateRequest { Archived = false },
            DiscordJsonContext.Default.ThreadUpdateRequest,
            DiscordJsonContext.Default.Channel,
            cancellationToken);
}
