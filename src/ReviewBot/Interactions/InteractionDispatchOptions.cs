using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Interactions;

/// <summary>Timing of interaction replies, bound from the optional <c>Interactions</c> section.</summary>
public sealed class InteractionDispatchOptions : IValidatableObject
{
    public const string SectionName = "Interactions";

    /// <summary>
    /// A handler still running after this long gets a defer (callback 5, or 6 for components) and its
    /// answer edits the original response later. Discord drops an initial response that comes more
    /// than 3 s after the interaction (docs: Interactions, Receiving and Responding, "Responding to an
    /// Interaction"), so this leaves room for a slow network and a rate-limit wait.
    /// </summary>
    public TimeSpan DeferAfter { get; set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>
    /// A [Range] would do, but the generated validator drops a Range's ErrorMessage, and the message
    /// must name the setting to fix.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DeferAfter <= TimeSpan.Zero || DeferAfter > TimeSpan.FromSeconds(2.5))
        {
            yield return new ValidationResult(
                "Interactions:DeferAfter must be more than 0 and at most 00:00:02.5: Discord drops initial responses after 3 s.");
        }
    }
}

/// <summary>Checks <see cref="InteractionDispatchOptions"/> at start, generated from its attributes.</summary>
[OptionsValidator]
public sealed partial class InteractionDispatchOptionsValidator : IValidateOptions<InteractionDispatchOptions>;
