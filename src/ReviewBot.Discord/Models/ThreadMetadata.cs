namespace ReviewBot.Discord.Models;

/// <summary>A thread's metadata (docs: Resources, Channel, Thread Metadata Object), the fields the bot reads.</summary>
public sealed record ThreadMetadata
{
    public bool Archived { get; init; }

    /// <summary>When the thread was last archived or unarchived.</summary>
    public DateTimeOffset? ArchiveTimestamp { get; init; }
}
