using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>The interaction a handler is answering, with typed access to its options.</summary>
public sealed record InteractionContext(Interaction Interaction)
{
    /// <summary>
    /// The key Core uses for per-channel context (the last show asked about). Discord channel ids
    /// are unique across guilds; DMs have a channel id too.
    /// </summary>
    public string ChannelKey => Interaction.ChannelId is { } channel ? $"discord:{channel}" : $"discord:user:{Interaction.Invoker?.Id}";

    /// <summary>The invoker's permissions in this channel as Discord computed them (absent in DMs).</summary>
    public Permissions MemberPermissions => Interaction.Member?.Permissions ?? Permissions.None;

    /// <summary>
    /// For a component: whether its press may update the message it is on for everyone who sees it.
    /// An ephemeral message is seen by its one member only, and a public one is its asker's
    /// (interaction_metadata.user); a public message no member asked for is nobody's to change.
    /// </summary>
    public bool PressedByMessageOwner => Interaction.Message is { } message
        && ((message.Flags is { } flags && flags.HasFlag(MessageFlags.Ephemeral))
            || (message.Asker is { } asker && Interaction.Invoker is { } presser && asker.Id == presser.Id));

    public InteractionDataOption? Option(string name) => Find(Interaction.Data?.Options, name);

    public string? GetString(string name) => Option(name)?.GetString();

    public long? GetInt64(string name) => Option(name)?.GetInt64();

    public Snowflake? GetSnowflake(string name) =>
        Snowflake.TryParse(Option(name)?.GetString(), out var id) ? id : null;

    /// <summary>Options are searched through sub-commands, which nest them one or two levels down.</summary>
    private static InteractionDataOption? Find(IReadOnlyList<InteractionDataOption>? options, string name)
    {
        if (options is null)
        {
            return null;
        }

        // By index: a foreach over the interface would box an enumerator per lookup, and a command reads several options.
        for (var i = 0; i < options.Count; i++)
        {
            var option = options[i];
            if (option.Name == name && option.Options is null)
            {
                return option;
            }

            if (Find(option.Options, name) is { } nested)
            {
                return nested;
            }
        }

        return null;
    }
}
