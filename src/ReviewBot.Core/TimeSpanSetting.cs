using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace ReviewBot.Core;

/// <summary>
/// The range check for a time-span setting, with a message that names the setting's key and the value it
/// had. Options classes call it from <see cref="IValidatableObject.Validate"/>, which their generated
/// validators run.
/// </summary>
/// <remarks>
/// Every time-span setting has an upper bound, not only a lower one: a timer or Task.Delay refuses a
/// wait longer than about 49.7 days (2^32 - 2 ms) by throwing, which a value that passed validation
/// would do only when the loop using it first waits, ending that loop for good. The bounds chosen
/// stay far below that, with room for the jitter and backoff applied to them.
/// </remarks>
public static class TimeSpanSetting
{
    /// <returns>The failure, or null when <paramref name="value"/> is within [<paramref name="min"/>, <paramref name="max"/>].</returns>
    public static ValidationResult? Check(TimeSpan value, TimeSpan min, TimeSpan max, string section, string key) =>
        value >= min && value <= max
            ? null
            : NumberSetting.Failure(
                section,
                key,
                min.ToString("c", CultureInfo.InvariantCulture),
                max.ToString("c", CultureInfo.InvariantCulture),
                value.ToString("c", CultureInfo.InvariantCulture));
}
