using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Sources;

/// <summary>The inbox settings, read from the <c>Reviews</c> section alongside the other review settings.</summary>
/// <remarks>Every setting is checked in <see cref="Validate"/>, for the reasons given on <see cref="FeedsOptions"/>.</remarks>
public sealed class InboxOptions : IValidatableObject
{
    public const string SectionName = "Reviews";

    /// <summary>Folder watched for review files (*.txt, *.md). Empty: the inbox is off.</summary>
    public string InboxDirectory { get; set; } = "";

    /// <summary>Safety net for missed file-system events: the folder is rescanned this often.</summary>
    public TimeSpan InboxRescanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A file is read only after its size and modification time stayed the same for this long.</summary>
    public TimeSpan InboxSettleTime { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Larger files are moved to failed/ unread: a review article is far smaller.</summary>
    public long InboxMaxFileBytes { get; set; } = 1024 * 1024;

    public bool Enabled => !string.IsNullOrWhiteSpace(InboxDirectory);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var limits = new[]
        {
            TimeSpanSetting.Check(InboxRescanInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), SectionName, nameof(InboxRescanInterval)),
            TimeSpanSetting.Check(InboxSettleTime, TimeSpan.Zero, TimeSpan.FromMinutes(10), SectionName, nameof(InboxSettleTime)),
            NumberSetting.Check(InboxMaxFileBytes, 1, 100 * 1024 * 1024, SectionName, nameof(InboxMaxFileBytes)),
        };
        return limits.OfType<ValidationResult>();
    }
}

/// <summary>Checks <see cref="InboxOptions"/>' attributes and <see cref="InboxOptions.Validate"/> at start, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class InboxOptionsValidator : IValidateOptions<InboxOptions>;
