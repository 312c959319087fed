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
        var (id, type, problem) = Read(context);
        if (id is not { } channelId)
        {
            return (null, problem);
        }

        // Discord enforces channel_types for the option; the current channel can be anything (a thread, a voice chat).
        return type switch
        {
            null or ChannelType.GuildText or ChannelType.GuildAnnouncement => (new SubscriptionTarget(channelId.Value, ChannelKind.Text), null),
            ChannelType.GuildForum => (new SubscriptionTarget(channelId.Value, ChannelKind.Forum), null),
            // A thread or forum post used as the place: its channel is what the member most likely meant, but the
            // interaction names only its id, not whether it is a forum, so the member is pointed at it instead.
            ChannelType.PublicThread or ChannelType.PrivateThread or ChannelType.AnnouncementThread
                when context.Interaction.Channel?.ParentId is { } parent && context.Option(OptionName) is null =>
                (null, $"<#{channelId}> is a thread or forum post, which cannot hold announcements: run /subscribe with channel:<#{parent}> to have them posted in its channel."),
            _ => (null, $"<#{channelId}> cannot hold announcements: pick a text, announcement or forum channel with the channel option."),
        };
    }

    /// <summary>
    /// The channel a subscription command acts on and its type as Discord sent it, or why not: the
    /// channel option, which must be a channel Discord resolved (it resolves only this server's, so an
    /// id it did not is another server's or forged) that the invoker may manage; else the channel of use,
    /// whose permissions <see cref="SubscriptionAccess.Refusal"/> checked.
    /// </summary>
    internal static (Snowflake? Id, ChannelType? Type, string? Problem) Read(InteractionContext context)
    {
        var interaction = context.Interaction;
        if (context.Option(OptionName) is not { } option)
        {
            return interaction.ChannelId is { } here
                ? (here, interaction.Channel?.Type, null)
                : (null, null, "Which channel? Pick one with the channel option.");
        }

        if (!Snowflake.TryParse(option.GetString(), out var chosen)
            || interaction.Data?.Resolved?.Channels?.TryGetValue(chosen.ToString(), out var channel) != true)
        {
            return (null, null, "I don't know that channel: pick one of this server's channels from the list in the channel option.");
        }

        return SubscriptionAccess.RefusalIn(context, channel!) is { } refusal
            ? (null, null, refusal)
            : (chosen, channel!.Type, null);
    }
}
