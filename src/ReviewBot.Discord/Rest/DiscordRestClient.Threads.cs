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
}
