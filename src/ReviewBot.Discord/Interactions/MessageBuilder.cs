using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Builds a <see cref="MessageRequest"/> within Discord's message limits: content shortened to 2000
/// (as Markdown: <see cref="MarkdownShortener"/>),
/// at most 10 embeds whose characters together stay within 6000 (later embeds are shortened, then
/// left out), at most 5 action rows. allowed_mentions stays "parse nothing" unless a role is allowed.
/// </summary>
public sealed class MessageBuilder
{
    private readonly List<EmbedBuilder> _embeds = [];
    private readonly List<MessageComponent> _rows = [];
    private readonly List<FileUpload> _files = [];
    private string? _content;
    private AllowedMentions _allowedMentions = AllowedMentions.None;
    private MessageFlags? _flags;
    private string? _nonce;

    public MessageBuilder WithContent(string? content)
    {
        var shortened = MarkdownShortener.Shorten(content, DiscordLimits.MessageContent);
        _content = shortened.Length == 0 ? null : shortened;
        return this;
    }

    public MessageBuilder AddEmbed(EmbedBuilder embed)
    {
        if (_embeds.Count >= DiscordLimits.EmbedsPerMessage)
        {
            throw new InvalidOperationException($"A message holds at most {DiscordLimits.EmbedsPerMessage} embeds.");
        }

        _embeds.Add(embed);
        return this;
    }

    /// <summary>Adds an action row (from <see cref="ActionRowBuilder"/> or <see cref="StringSelectBuilder.BuildRow"/>).</summary>
    public MessageBuilder AddRow(MessageComponent row)
    {
        if (row.Type != ComponentType.ActionRow)
        {
            throw new ArgumentException("Top-level components must be action rows.", nameof(row));
        }

        if (_rows.Count >= DiscordLimits.ActionRows)
        {
            throw new InvalidOperationException($"A message holds at most {DiscordLimits.ActionRows} action rows.");
        }

        _rows.Add(row);
        return this;
    }

    /// <summary>A file to upload with the message; an embed shows it with <c>attachment://</c> and its name.</summary>
    public MessageBuilder AddFile(FileUpload file)
    {
        if (_files.Count >= DiscordLimits.FilesPerMessage)
        {
            throw new InvalidOperationException($"A message holds at most {DiscordLimits.FilesPerMessage} files.");
        }

        _files.Add(file);
        return this;
    }

    /// <summary>The one allowed ping: a subscription's role on its own announcement.</summary>
    public MessageBuilder AllowRoleMention(Snowflake roleId)
    {
        _allowedMentions = AllowedMentions.ForRoles(roleId);
        return this;
    }

    public MessageBuilder Ephemeral()
    {
        _flags = (_flags ?? MessageFlags.None) | MessageFlags.Ephemeral;
        return this;
    }

    /// <summary>Create message only: a dedupe key of at most 25 characters, sent with enforce_nonce.</summary>
    public MessageBuilder WithNonce(string nonce)
    {
        if (string.IsNullOrEmpty(nonce) || nonce.Length > 25)
        {
            throw new ArgumentException("A nonce holds 1-25 characters.", nameof(nonce));
        }

        _nonce = nonce;
        return this;
    }

    public MessageRequest Build()
    {
        var embeds = new List<Embed>();
        var budget = DiscordLimits.EmbedTotalCharacters;
        foreach (var builder in _embeds)
        {
            try
            {
                var embed = builder.Build(budget);
                budget -= EmbedBuilder.CountCharacters(embed);
                embeds.Add(embed);
            }
            catch (InvalidOperationException)
            {
                break; // no room left for even this embed's title, author and footer
            }
        }

        return new MessageRequest
        {
            Content = _content,
            Embeds = embeds.Count == 0 ? null : embeds,
            Components = _rows.Count == 0 ? null : [.. _rows],
            AllowedMentions = _allowedMentions,
            Flags = _flags,
            Nonce = _nonce,
            EnforceNonce = _nonce is null ? null : true,
            Files = _files.Count == 0 ? null : [.. _files],
            Attachments = _files.Count == 0
                ? null
                : [.. _files.Select((f, i) => new AttachmentRequest(i.ToString(System.Globalization.CultureInfo.InvariantCulture), f.FileName))],
        };
    }
}
