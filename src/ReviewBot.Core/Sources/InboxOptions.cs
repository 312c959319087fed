using System.ComponentModel.DataAnnotations;

namespace ReviewBot.Core.Sources;

/// <summary>The inbox settings, read from the <c>Reviews</c> section alongside the other review settings.</summary>
public sealed class InboxOptions
{
    public const string SectionName = "Reviews";

    /// <summary>Folder watched for review files (*.txt, *.md). Empty: the inbox is off.</summary>
    public string InboxDirectory { get; set; } = "";

    /// <summary>Safety net for missed file-system events: the folder is rescanned this often.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan InboxRescanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A file is read only after its size and modification time stayed the same for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan InboxSettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Larger files are moved to failed/ unread: a review article is far smaller.</summary>
    [Range(1, 100 * 1024 * 1024)]
    public long InboxMaxFileBytes { get; set; } = 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(InboxDirectory);
}
