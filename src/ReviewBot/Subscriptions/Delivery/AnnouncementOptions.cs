using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using ReviewBot.Core;

namespace ReviewBot.Subscriptions.Delivery;

/// <summary>Bound from the <c>Announcements</c> section; the defaults suit a normal bot.</summary>
/// <remarks>
/// Every setting is checked in <see cref="Validate"/> rather than by <c>[Range]</c>: for a TimeSpan its bounds are
/// converted through a TypeConverter found by reflection, which trimming cannot keep, and its message names
/// the class instead of the setting (<see cref="NumberSetting"/>).
/// </remarks>
public sealed class AnnouncementOptions : IValidatableObject
{
    public const string SectionName = "Announcements";

    /// <summary>
    /// How often the worker looks at the outbox when nothing woke it: what an <c>import</c> run in
    /// another process queues is posted within about this long.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Channels served at once. Each channel is sequential (publication order); the REST client spaces requests to Discord's limits.</summary>
    public int MaxParallelChannels { get; set; } = 32;

    /// <summary>Outbox rows read per pass: one query serves a whole fan-out batch.</summary>
    public int BatchSize { get; set; } = 5_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var limits = new[]
        {
            TimeSpanSetting.Check(PollInterval, TimeSpan.FromMilliseconds(10), TimeSpan.FromMinutes(1), SectionName, nameof(PollInterval)),
            NumberSetting.Check(MaxParallelChannels, 1, 256, SectionName, nameof(MaxParallelChannels)),
            NumberSetting.Check(BatchSize, 1, 100_000, SectionName, nameof(BatchSize)),
        };
        return limits.OfType<ValidationResult>();
    }
}

/// <summary>Checks <see cref="AnnouncementOptions"/> at start, generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class AnnouncementOptionsValidator : IValidateOptions<AnnouncementOptions>;
