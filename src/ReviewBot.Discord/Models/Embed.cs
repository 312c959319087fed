namespace ReviewBot.Discord.Models;

/// <summary>A rich embed (OpenAPI: RichEmbed). Build it with <c>EmbedBuilder</c>, which enforces Discord's limits.</summary>
public sealed record Embed
{
    public string? Title { get; init; }

    public string? Description { get; init; }

    public string? Url { get; init; }

    public DateTimeOffset? Timestamp { get; init; }

    /// <summary>0x000000..0xFFFFFF.</summary>
    public int? Color { get; init; }

    public EmbedFooter? Footer { get; init; }

    public EmbedMedia? Image { get; init; }

    public EmbedMedia? Thumbnail { get; init; }

    public EmbedAuthor? Author { get; init; }

    public IReadOnlyList<EmbedField>? Fields { get; init; }
}

public sealed record EmbedFooter(string Text)
{
    public string? IconUrl { get; init; }
}

public sealed record EmbedMedia(string Url);

public sealed record EmbedAuthor(string Name)
{
    public string? Url { get; init; }

    public string? IconUrl { get; init; }
}

public sealed record EmbedField(string Name, string Value)
{
    public bool? Inline { get; init; }
}
