using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Tests.Rest;

/// <summary>Command definitions shaped like the bot's (src/ReviewBot/Reviews/*Command.cs).</summary>
internal static class SampleCommands
{
    public static IReadOnlyList<ApplicationCommandDefinition> All { get; } =
    [
        new()
        {
            Name = "review",
            Description = "Show the review of a show",
            Contexts = [InteractionContextType.Guild],
            Options = [new() { Type = ApplicationCommandOptionType.String, Name = "show", Description = "Show title", Required = true, Autocomplete = true }],
        },
        new()
        {
            Name = "episode",
            Description = "Show the review of an episode",
            Contexts = [InteractionContextType.Guild],
            Options = [new() { Type = ApplicationCommandOptionType.Integer, Name = "n", Description = "Episode number", Required = true, MinValue = 1 }],
        },
        new()
        {
            Name = "subscribe",
            Description = "Post new reviews in a channel",
            DefaultMemberPermissions = Permissions.ManageGuild,
            Contexts = [InteractionContextType.Guild],
            Options =
            [
                new()
                {
                    Type = ApplicationCommandOptionType.SubCommand,
                    Name = "add",
                    Description = "Subscribe a channel",
                    Options =
                    [
                        new() { Type = ApplicationCommandOptionType.Channel, Name = "channel", Description = "Where to post", Required = true, ChannelTypes = [ChannelType.GuildText, ChannelType.GuildForum] },
                        new()
                        {
                            Type = ApplicationCommandOptionType.String,
                            Name = "kind",
                            Description = "What to post",
                            Choices = [ApplicationCommandOptionChoice.String("Anime", "anime"), ApplicationCommandOptionChoice.String("TV", "tv")],
                        },
                        new() { Type = ApplicationCommandOptionType.Role, Name = "role", Description = "Role to ping" },
                    ],
                },
            ],
        },
    ];
}
