using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>
    /// PUT /applications/{application_id}/commands: replaces ALL global commands with these
    /// (idempotent, so safe at every start; new names count against the 200-creates-a-day limit).
    /// </summary>
    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGlobalCommandsAsync(
        IReadOnlyList<ApplicationCommandDefinition> commands,
        CancellationToken cancellationToken = default)
    {
        var applicationId = await GetApplicationIdAsync(cancellationToken);
        var route = RestRoute.Create(HttpMethod.Put, "/applications/{application_id}/commands", $"/applications/{applicationId}/commands");
        return await SendAsync(route, commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandDefinition, DiscordJsonContext.Default.IReadOnlyListApplicationCommand, cancellationToken);
    }

    /// <summary>PUT /applications/{application_id}/guilds/{guild_id}/commands: guild commands update instantly (use while developing).</summary>
    public async Task<IReadOnlyList<ApplicationCommand>> BulkOverwriteGuildCommandsAsync(
        Snowflake guildId,
        IReadOnlyList<ApplicationCommandDefinition> commands,
        CancellationToken cancellationToken = default)
    {
        var applicationId = await GetApplicationIdAsync(cancellationToken);
        var route = RestRoute.Create(
            HttpMethod.Put,
            "/applications/{application_id}/guilds/{guild_id}/commands",
            $"/applications/{applicationId}/guilds/{guildId}/commands",
            $"guild:{guildId}");
        return await SendAsync(route, commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandDefinition, DiscordJsonContext.Default.IReadOnlyListApplicationCommand, cancellationToken);
    }
}
