using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// Where a command is offered (docs: Application Commands, "Contexts"). Questions about reviews go
/// wherever a person takes the bot: installed to a server, or to their own account and used in DMs,
/// group DMs and servers the bot is not in. Subscriptions change a server's channels, so they stay
/// with a server install and its channels.
/// </summary>
public static class CommandReach
{
    public static IReadOnlyList<ApplicationIntegrationType> AnyInstall { get; } =
        [ApplicationIntegrationType.GuildInstall, ApplicationIntegrationType.UserInstall];

    public static IReadOnlyList<InteractionContextType> AnyContext { get; } =
        [InteractionContextType.Guild, InteractionContextType.BotDm, InteractionContextType.PrivateChannel];

    public static IReadOnlyList<ApplicationIntegrationType> ServerInstall { get; } = [ApplicationIntegrationType.GuildInstall];

    public static IReadOnlyList<InteractionContextType> ServerChannels { get; } = [InteractionContextType.Guild];
}
