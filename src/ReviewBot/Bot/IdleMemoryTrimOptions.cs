using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.Extensions.Options;
using ReviewBot.Core;

namespace ReviewBot.Bot;

/// <summary>When the bot gives memory back once it goes quiet, bound from the optional <c>Memory</c> section.</summary>
public sealed class IdleMemoryTrimOptions : IValidatableObject
{
    public const string SectionName = "Memory";

    /// <summary>Off: the runtime keeps what it committed until it collects on its own.</summary>
    public bool TrimWhenIdle { get; set; } = true;

    /// <summary>How often the allocated bytes are read; also the span a quiet reading is measured over.</summary>
    public TimeSpan IdleCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An interval that allocated less than this is quiet. Above what a bot at rest allocates (heartbeats), far below what it allocates while answering.</summary>
    public long QuietBelowBytes { get; set; } = 64 * 1024;

    /// <summary>No trim until at least this much was allocated since the last one: a quiet process that has allocated little has little to give back.</summary>
    public long MinBytesSinceLastTrim { get; set; } = 1024 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeSpanSetting.Check(IdleCheckInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1), SectionName, nameof(IdleCheckInterval)) is { } failure)
        {
            yield return failure;
        }

        if (QuietBelowBytes <= 0)
        {
            yield return Failure(nameof(QuietBelowBytes), string.Create(CultureInfo.InvariantCulture, $"must be more than 0 (was {QuietBelowBytes})"));
        }

        if (MinBytesSinceLastTrim <= 0)
        {
            yield return Failure(nameof(MinBytesSinceLastTrim), string.Create(CultureInfo.InvariantCulture, $"must be more than 0 (was {MinBytesSinceLastTrim})"));
        }
        else if (QuietBelowBytes > MinBytesSinceLastTrim)
        {
            // Swapped values, most likely: a process allocating steadily between the two would pass
            // for quiet and trim again every few intervals, paying a blocking collection while busy.
            yield return Failure(
                nameof(QuietBelowBytes),
                string.Create(CultureInfo.InvariantCulture, $"must be at most {SectionName}:{nameof(MinBytesSinceLastTrim)} ({MinBytesSinceLastTrim}) (was {QuietBelowBytes}), or a process that keeps allocating would count as quiet"));
        }
    }

    // No member names: the generated validator would put the property's name before the full key.
    private static ValidationResult Failure(string key, string problem) =>
        new($"{SectionName}:{key} {problem}.");
}

/// <summary>Checks <see cref="IdleMemoryTrimOptions"/> at start, generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class IdleMemoryTrimOptionsValidator : IValidateOptions<IdleMemoryTrimOptions>;
