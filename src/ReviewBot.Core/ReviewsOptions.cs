using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core;

/// <summary>Bound from the <c>Reviews</c> section (other parts bind their own keys of it, e.g. InboxDirectory).</summary>
public sealed class ReviewsOptions
{
    public const string SectionName = "Reviews";

    /// <summary>Imported into an empty database so a fresh clone can answer at once.</summary>
    public bool ImportSamplesWhenEmpty { get; set; } = true;

    /// <summary>Resolved against the current directory, then next to the binary.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Set Reviews:SeedDirectory (environment: Reviews__SeedDirectory), e.g. \"samples\".")]
    public string SeedDirectory { get; set; } = "samples";
}

/// <summary>Checks <see cref="ReviewsOptions"/>' attributes at start, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class ReviewsOptionsValidator : IValidateOptions<ReviewsOptions>;
