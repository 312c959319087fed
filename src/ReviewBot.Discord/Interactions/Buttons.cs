using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Buttons within Discord's limits: custom_id 1-100 characters (a programming error otherwise, so it
/// throws), label shortened to 80. Link buttons have a url (at most 512) and no custom_id, and send
/// no interaction when clicked (docs: Button).
/// </summary>
public static class Buttons
{
    public static MessageComponent Primary(string customId, string label, bool disabled = false) => Create(ButtonStyle.Primary, customId, label, disabled);

    public static MessageComponent Secondary(string customId, string label, bool disabled = false) => Create(ButtonStyle.Secondary, customId, label, disabled);

    public static MessageComponent Success(string customId, string label, bool disabled = false) => Create(ButtonStyle.Success, customId, label, disabled);

    public static MessageComponent Danger(string customId, string label, bool disabled = false) => Create(ButtonStyle.Danger, customId, label, disabled);

    public static MessageComponent Link(string url, string label, bool disabled = false)
    {
        if (url.Length > DiscordLimits.LinkUrl || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            throw new ArgumentException($"A link button needs an absolute url of at most {DiscordLimits.LinkUrl} characters.", nameof(url));
        }

        return new MessageComponent
        {
            Type = ComponentType.Button,
            Style = ButtonStyle.Link,
            Url = url,
            Label = Label(label),
            Disabled = disabled ? true : null,
        };
    }

    internal static string CheckCustomId(string customId)
    {
        if (string.IsNullOrEmpty(customId) || customId.Length > DiscordLimits.CustomId)
        {
            throw new ArgumentException($"A custom_id holds 1-{DiscordLimits.CustomId} characters (was {customId?.Length ?? 0}).", nameof(customId));
        }

        return customId;
    }

    private static MessageComponent Create(ButtonStyle style, string customId, string label, bool disabled) =>
        new()
        {
            Type = ComponentType.Button,
            Style = style,
            CustomId = CheckCustomId(customId),
            Label = Label(label),
            Disabled = disabled ? true : null,
        };

    private static string Label(string label)
    {
        var shortened = TextShortener.Shorten(label, DiscordLimits.ButtonLabel);
        return shortened.Length == 0 ? throw new ArgumentException("A button needs a label.", nameof(label)) : shortened;
    }
}
