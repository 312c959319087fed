using ReviewBot.Core.Subscriptions;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Subscriptions;

/// <summary>The channel a subscription command is about: the <c>channel</c> option, else the channel it was used in.</summary>
public sealed record SubscriptionTarget(ulong ChannelId, ChannelKind Kind)
{
    public const string OptionName = "channel";

    /// <summary>Text (0), announcement (5) and forum (15) channels can hold announcements.</summary>
    public static readonly IReadOnlyList<ChannelType> ChannelTypes = [ChannelType.GuildText, ChannelType.GuildAnnouncement, ChannelType.GuildForum];

    /// <summary>The optional channel option of /subscribe and /unsubscribe: only channels reviews can be posted in.</summary>
    public static ApplicationCommandOption Definition(string description) => new()
    {
        Type = ApplicationCommandOptionType.Channel,
        Name = OptionName,
        Description = description,
        ChannelTypes = ChannelTypes,
    };

    public string Mention => $"<#{ChannelId}>";

    /// <summary>The target, or the reason it cannot take announcements.</summary>
    internal static (SubscriptionTarget? Target, string? Problem) Resolve(InteractionContext context)
    {
        var interaction = context.Interaction;
        Snowflake? id = context.GetSnowflake(OptionName);
        ChannelType? type;
        if (id is { } chosen)
        {
            type = interaction.Data?.Resolved?.Channels?.TryGetValue(chosen.ToString(), out var channel) == true ? channel.Type : null;
        }
        else
        {
            id = interaction.ChannelId;
            type = interaction.Channel?.Type;
        }

        if (id is not { } channelId)
        {
            return (null, "Which channel? Pick one with the channel option.");
        }

        // Discord enforces channel_types for the option; the current channel can be anything (a thread, a voice chat).
        return type switch
        {
            null or ChannelType.GuildText or ChannelType.GuildAnnouncement => (new SubscriptionTarget(channelId.Value, ChannelKind.Text), null),
            ChannelType.GuildForum => (new SubscriptionTarget(channelId.Value, ChannelKind.Forum), null),
            _ => (null, $"<#{channelId}> cannot hold announcements: pick a text, announcement or forum channel with the channel option."),
        };
    }
}
