using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ReviewBot.Core;

/// <summary>
/// The range check for a numeric setting, with a message that names the setting's key (Section:Key, as
/// the operator writes it in appsettings.json or, with __, in the environment) and the value it had.
/// Options classes call it from <see cref="IValidatableObject.Validate"/> instead of carrying a
/// <c>[Range]</c>: the validator generated for that attribute says "The field FeedsOptions.Jitter",
/// the name of a class the operator never sees (and for the inbox's settings, which live in the
/// Reviews section, not even the section's name).
/// </summary>
public static class NumberSetting
{
    /// <returns>The failure, or null when <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</returns>
    public static ValidationResult? Check(long value, long min, long max, string section, string key) =>
        value >= min && value <= max
            ? null
            : Failure(section, key, min.ToString(CultureInfo.InvariantCulture), max.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture));

    /// <returns>The failure, or null when <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>]; NaN never is.</returns>
    public static ValidationResult? Check(double value, double min, double max, string section, string key) =>
        value >= min && value <= max
            ? null
            : Failure(section, key, min.ToString("R", CultureInfo.InvariantCulture), max.ToString("R", CultureInfo.InvariantCulture), value.ToString("R", CultureInfo.InvariantCulture));

    /// <summary>
    /// The one wording of a setting out of its range, for every value kind (<see cref="TimeSpanSetting"/>
    /// too). No member names: the generated validators put a member's name before the message, and the
    /// message already starts with the full key.
    /// </summary>
    internal static ValidationResult Failure(string section, string key, string min, string max, string value) =>
        new($"{section}:{key} must be between {min} and {max} (was {value}).");
}
