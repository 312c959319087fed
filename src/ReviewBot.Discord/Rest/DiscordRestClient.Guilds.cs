using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>
    /// GET /guilds/{guild_id}: a server the bot is in, for a process that runs no gateway and so never
    /// received the server's GUILD_CREATE (its system channel, for one).
    /// </summary>
    public Task<GuildSummary> GetGuildAsync(Snowflake guildId, CancellationToken cancellationToken = default) =>
        SendAsync(
            RestRoute.Create(HttpMethod.Get, "/guilds/{guild_id}", $"/guilds/{guildId}", $"guild:{guildId}"),
            DiscordJsonContext.Default.GuildSummary,
            cancellationToken);
}
