using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Builds an <see cref="Embed"/> Discord will accept: every text is shortened to its limit on a word
/// boundary, fields beyond 25 are dropped, and <see cref="Build(int)"/> fits the embed into a
/// character budget (6000 for a message's embeds together) by shortening the description, then
/// dropping trailing fields. Fields are never left out silently: the last field then says how many
/// are not shown ("…and N more", with the caller's hint what to do about it). Title, description
/// and fields show Markdown, so they are shortened by <see cref="MarkdownShortener"/>, which never
/// cuts inside an escape, a mark pair or a link; the footer and the author's name show their text
/// as typed, so any word break will do there.
/// </summary>
public sealed class EmbedBuilder
{
    private readonly List<EmbedField> _fields = [];
    private string? _title;
    private string? _description;
    private string? _url;
    private DateTimeOffset? _timestamp;
    private int? _color;
    private EmbedFooter? _footer;
    private EmbedAuthor? _author;
    private EmbedMedia? _image;
    private EmbedMedia? _thumbnail;

    private int _overflowFields;
    private int _budgetDroppedFields;
    private string? _droppedFieldsHint;

    /// <summary>Fields left out, beyond 25 or by the last <see cref="Build(int)"/>'s budget (its last field counts them).</summary>
    public int DroppedFields => _overflowFields + _budgetDroppedFields;

    public EmbedBuilder WithTitle(string? title)
    {
        _title = NullIfEmpty(MarkdownShortener.Shorten(title, DiscordLimits.EmbedTitle));
        return this;
    }

    public EmbedBuilder WithDescription(string? description)
    {
        _description = NullIfEmpty(MarkdownShortener.Shorten(description, DiscordLimits.EmbedDescription));
        return this;
    }

    public EmbedBuilder WithUrl(string? url)
    {
        _url = url;
        return this;
    }

    public EmbedBuilder WithTimestamp(DateTimeOffset? timestamp)
    {
        _timestamp = timestamp;
        return this;
    }

    /// <summary>An RGB color, 0x000000..0xFFFFFF.</summary>
    public EmbedBuilder WithColor(int color)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(color);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(color, 0xFFFFFF);
        _color = color;
        return this;
    }

    public EmbedBuilder WithFooter(string text, string? iconUrl = null)
    {
        var shortened = TextShortener.Shorten(text, DiscordLimits.EmbedFooterText);
        _footer = shortened.Length == 0 ? null : new EmbedFooter(shortened) { IconUrl = iconUrl };
        return this;
    }

    public EmbedBuilder WithAuthor(string name, string? url = null, string? iconUrl = null)
    {
        var shortened = TextShortener.Shorten(name, DiscordLimits.EmbedAuthorName);
        _author = shortened.Length == 0 ? null : new EmbedAuthor(shortened) { Url = url, IconUrl = iconUrl };
        return this;
    }

    public EmbedBuilder WithImage(string url)
    {
        _image = new EmbedMedia(url);
        return this;
    }

    public EmbedBuilder WithThumbnail(string url)
    {
        _thumbnail = new EmbedMedia(url);
        return this;
    }

    /// <summary>
    /// What the field that counts left-out fields says under its "…and N more" (how to see them, e.g.
    /// "Add words to narrow the search."); without it, that they did not fit one message.
    /// </summary>
    public EmbedBuilder WithDroppedFieldsHint(string hint)
    {
        _droppedFieldsHint = MarkdownShortener.Shorten(hint, DiscordLimits.EmbedFieldValue);
        return this;
    }

    /// <summary>Adds a field; name and value must not be blank on Discord, so blanks become a zero-width space.</summary>
    public EmbedBuilder AddField(string name, string value, bool inline = false)
    {
        if (_fields.Count >= DiscordLimits.EmbedFields)
        {
            _overflowFields++;
            return this;
        }

        _fields.Add(new EmbedField(
            NonBlank(MarkdownShortener.Shorten(name, DiscordLimits.EmbedFieldName)),
            NonBlank(MarkdownShortener.Shorten(value, DiscordLimits.EmbedFieldValue)))
        {
            Inline = inline ? true : null,
        });
        return this;
    }

    /// <summary>
    /// The characters the embed counts toward the 6000 total as it stands, before any budget: a
    /// renderer sizing its last part (a list that ends in "…and N more") to what is left reads it here.
    /// </summary>
    public int CountedCharacters =>
        (_title?.Length ?? 0) + (_description?.Length ?? 0) + (_footer?.Text.Length ?? 0) + (_author?.Name.Length ?? 0)
        + _fields.Sum(f => f.Name.Length + f.Value.Length);

    public Embed Build() => Build(DiscordLimits.EmbedTotalCharacters);

    /// <summary>
    /// Builds an embed whose counted characters do not exceed <paramref name="budget"/>: the
    /// description is shortened first, then trailing fields give way to one field that counts them.
    /// </summary>
    public Embed Build(int budget)
    {
        var fields = new List<EmbedField>(_fields);
        _budgetDroppedFields = 0;
        var description = _description;
        var fixedLength = (_title?.Length ?? 0) + (_footer?.Text.Length ?? 0) + (_author?.Name.Length ?? 0);
        var fieldsLength = fields.Sum(f => f.Name.Length + f.Value.Length);
        var hint = _droppedFieldsHint ?? "Not shown: one message holds no more.";

        // Fields past 25 make room for the field that counts them.
        if (_overflowFields > 0 && fields.Count == DiscordLimits.EmbedFields)
        {
            fieldsLength -= fields[^1].Name.Length + fields[^1].Value.Length;
            fields.RemoveAt(fields.Count - 1);
            _budgetDroppedFields++;
        }

        int Excess() => fixedLength + (description?.Length ?? 0) + fieldsLength + NoteLength(DroppedFields, hint) - budget;

        var excess = Excess();
        if (excess > 0 && description is not null)
        {
            var room = description.Length - excess;
            description = room >= 16 ? NullIfEmpty(MarkdownShortener.Shorten(description, room)) : null;
            excess = Excess();
        }

        while (excess > 0 && fields.Count > 0)
        {
            var last = fields[^1];
            fields.RemoveAt(fields.Count - 1);
            _budgetDroppedFields++;
            fieldsLength -= last.Name.Length + last.Value.Length;
            excess = Excess();
        }

        if (DroppedFields > 0)
        {
            if (excess <= 0)
            {
                fields.Add(new EmbedField(WholeItems.More(DroppedFields), hint));
            }
            else
            {
                // Not even the count fits beside the title, author and footer: it goes as well.
                excess -= NoteLength(DroppedFields, hint);
            }
        }

        if (excess > 0)
        {
            throw new InvalidOperationException($"The embed's title, author and footer alone exceed the {budget}-character budget.");
        }

        return new Embed
        {
            Title = _title,
            Description = description,
            Url = _url,
            Timestamp = _timestamp,
            Color = _color,
            Footer = _footer,
            Author = _author,
            Image = _image,
            Thumbnail = _thumbnail,
            Fields = fields.Count == 0 ? null : fields,
        };
    }

    /// <summary>The characters Discord counts toward the 6000 total for one embed.</summary>
    public static int CountCharacters(Embed embed) =>
        (embed.Title?.Trim().Length ?? 0)
        + (embed.Description?.Trim().Length ?? 0)
        + (embed.Footer?.Text.Trim().Length ?? 0)
        + (embed.Author?.Name.Trim().Length ?? 0)
        + (embed.Fields?.Sum(f => f.Name.Trim().Length + f.Value.Trim().Length) ?? 0);

    /// <summary>The characters of the field that counts <paramref name="dropped"/> left-out fields; none when there are none.</summary>
    private static int NoteLength(int dropped, string hint) => dropped == 0 ? 0 : WholeItems.More(dropped).Length + hint.Length;

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;

    private static string NonBlank(string text) => text.Length == 0 ? "\u200b" : text;
}
