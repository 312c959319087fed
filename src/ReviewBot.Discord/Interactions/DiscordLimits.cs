namespace ReviewBot.Discord.Interactions;

/// <summary>Discord's size limits for what the bot sends (docs: Embed Limits, Message, Component Reference, Autocomplete).</summary>
public static class DiscordLimits
{
    public const int MessageContent = 2000;
    public const int EmbedsPerMessage = 10;

    /// <summary>Files uploaded with one message (docs: Reference, Uploading Files).</summary>
    public const int FilesPerMessage = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int EmbedFieldName = 256;
    public const int EmbedFieldValue = 1024;
    public const int EmbedFooterText = 2048;
    public const int EmbedAuthorName = 256;

    /// <summary>title + description + field names and values + footer text + author name, over ALL embeds of one message.</summary>
    public const int EmbedTotalCharacters = 6000;

    public const int AutocompleteChoices = 25;
    public const int ChoiceName = 100;
    public const int ChoiceStringValue = 100;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int ButtonsPerRow = 5;
    public const int ActionRows = 5;
    public const int SelectOptions = 25;
    public const int SelectOptionText = 100;
    public const int SelectPlaceholder = 150;
    /// <summary>A link button's url (docs: Component Reference, Button: "url", max 512 characters).</summary>
    public const int LinkUrl = 512;

    /// <summary>An embed's url (Discord's OpenAPI document, RichEmbed.url: maxLength 2048; a copy is in tests/FakeDiscord/openapi.json).</summary>
    public const int EmbedUrl = 2048;
}
