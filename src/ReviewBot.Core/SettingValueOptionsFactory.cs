using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core;

/// <summary>
/// The options factory every host uses: the framework's own, except that a setting whose text cannot
/// be read as its type (a TimeSpan of "banana", a bool of "maybe", a negative id) fails as a validation
/// does. The binder reports it as a plain InvalidOperationException, which the verbs would count as an
/// unexpected failure (exit 1, and systemd restarts a bot that can never start); as an
/// <see cref="OptionsValidationException"/> it is the configuration error it is (exit 2), with the
/// binder's words, which name the key, the value and the type expected.
/// </summary>
internal sealed class SettingValueOptionsFactory<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations) : IOptionsFactory<TOptions>
    where TOptions : class
{
    private readonly OptionsFactory<TOptions> _framework = new(setups, postConfigures, validations);

    public TOptions Create(string name)
    {
        try
        {
            return _framework.Create(name);
        }
        catch (InvalidOperationException exception) when (IsUnreadableValue(exception))
        {
            throw new OptionsValidationException(name, typeof(TOptions), [exception.Message]);
        }
    }

    /// <summary>The binder wraps the parse's own exception; nothing else in a configure step throws that pair.</summary>
    private static bool IsUnreadableValue(InvalidOperationException exception) =>
        exception.InnerException is FormatException or OverflowException or ArgumentException;
}
