using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ReviewBot.Core;

/// <summary>
/// The range check for a time-span setting, with a message that names the setting's key and the value it
/// had. Options classes call it from <see cref="IValidatableObject.Validate"/>, which their generated
/// validators run.
/// </summary>
public static class TimeSpanSetting
{
    /// <returns>The failure, or null when <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</returns>
    public static ValidationResult? Check(TimeSpan value, TimeSpan min, TimeSpan max, string section, string key) =>
        value >= min && value <= max
            ? null
            : new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"{section}:{key} must be between {min:c} and {max:c} (was {value:c})."),
                [key]);
}
