using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core;

/// <summary>Bound from the <c>Reviews</c> section (other parts bind their own keys of it, e.g. InboxDirectory).</summary>
public sealed class ReviewsOptions : IValidatableObject
{
    public const string SectionName = "Reviews";

    /// <summary>Imported into an empty database so a fresh clone can answer at once.</summary>
    public bool ImportSamplesWhenEmpty { get; set; } = true;

    /// <summary>Resolved against the current directory, then next to the binary.</summary>
    public string SeedDirectory { get; set; } = "samples";

    /// <summary>
    /// Checked here rather than by <c>[Required]</c>, whose generated validator puts the property's
    /// name before the message ("SeedDirectory: …"), a name the operator never writes.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(SeedDirectory))
        {
            yield return new ValidationResult("Set Reviews:SeedDirectory (environment: Reviews__SeedDirectory), e.g. \"samples\".");
        }
    }
}

/// <summary>Runs <see cref="ReviewsOptions.Validate"/> at start, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class ReviewsOptionsValidator : IValidateOptions<ReviewsOptions>;
