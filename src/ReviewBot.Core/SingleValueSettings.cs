using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core;

/// <summary>
/// Settings that take one value (a number, a duration, a flag, a text, an address) written as an object
/// or a list: <c>"Feeds": {"Jitter": {"a": 1}}</c>, <c>"SqliteCacheSizeKiB": [1, 2]</c>, or
/// <c>Feeds__Jitter__0</c> in the environment. Configuration keeps such a key as a section with children
/// and no value, which the binder (and a plain <c>configuration[key]</c>) reads as "not set": the
/// default would be used without a word while the operator believes the setting applied. Each is a
/// failure naming the key, in the words of <see cref="NumberSetting"/>'s.
/// </summary>
public static class SingleValueSettings
{
    /// <summary>The failure for <paramref name="key"/> when it holds an object or a list; null when it holds one value or nothing.</summary>
    public static ValidationResult? Check(IConfiguration configuration, string key)
    {
        var section = key.Length == 0 && configuration is IConfigurationSection itself ? itself : configuration.GetSection(key);
        var first = section.GetChildren().FirstOrDefault();
        return first is null ? null : new ValidationResult(NotOneValue(section.Path, first.Path));
    }

    /// <summary>The failure for a single-value setting at <paramref name="path"/> that holds <paramref name="found"/>, a key below it.</summary>
    internal static string NotOneValue(string path, string found) =>
        $"{path} must be a single value, not an object or a list (found {found}).";

    /// <summary>
    /// The failures for every public settable property of <typeparamref name="TOptions"/> that takes one
    /// value, read under <paramref name="sectionPath"/> (empty: <paramref name="configuration"/> is the
    /// section itself): found from the class, so a setting added to it is checked without being listed anywhere.
    /// </summary>
    public static List<string> Problems<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(IConfiguration configuration, string sectionPath)
    {
        var problems = new List<string>();
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = sectionPath.Length == 0 ? property.Name : $"{sectionPath}:{property.Name}";
            if (property.SetMethod is not { IsPublic: true })
            {
                continue;
            }

            if (TakesOneValue(property.PropertyType) && Check(configuration, key) is { ErrorMessage: { } message })
            {
                problems.Add(message);
            }
            else if (property.PropertyType == typeof(List<string>) || property.PropertyType == typeof(string[]))
            {
                // A list of texts: each entry is one value ("AllowedPrivateAddresses": [["10.0.0.1"]] drops the entry).
                problems.AddRange(configuration.GetSection(key).GetChildren()
                    .Select(entry => Check(entry, "")?.ErrorMessage)
                    .OfType<string>());
            }
        }

        return problems;
    }

    /// <summary>
    /// Checks, with the options' other validators, every single-value setting of <typeparamref name="TOptions"/>
    /// under <paramref name="sectionPath"/>. Without <paramref name="configuration"/>, the container's is used.
    /// </summary>
    public static OptionsBuilder<TOptions> ValidateSingleValues<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(
        this OptionsBuilder<TOptions> builder, string sectionPath, IConfiguration? configuration = null)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(provider =>
            new SingleValueValidator<TOptions>(configuration ?? provider.GetRequiredService<IConfiguration>(), c => Problems<TOptions>(c, sectionPath)));
        return builder;
    }

    /// <summary>Checks one key the options read by hand rather than through the binder (a connection string, a list written as text).</summary>
    public static OptionsBuilder<TOptions> ValidateSingleValue<TOptions>(this OptionsBuilder<TOptions> builder, string key, IConfiguration? configuration = null)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(provider =>
            new SingleValueValidator<TOptions>(configuration ?? provider.GetRequiredService<IConfiguration>(), c => Check(c, key) is { ErrorMessage: { } message } ? [message] : []));
        return builder;
    }

    /// <summary>What the binder reads from one configuration value: its own types, their nullable forms, enums, text and addresses.</summary>
    internal static bool TakesOneValue(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Uri) || type == typeof(Guid);
    }

    private sealed class SingleValueValidator<TOptions>(IConfiguration configuration, Func<IConfiguration, List<string>> problems) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            problems(configuration) is { Count: > 0 } found ? ValidateOptionsResult.Fail(found) : ValidateOptionsResult.Success;
    }
}
