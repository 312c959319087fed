using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core;

/// <summary>
/// Options with nothing in them: reading their value runs <see cref="SettingKeys.Problems"/> over the
/// configuration, as reading any options' value runs their validators. Every verb reads it first, and the
/// run verb's start validates it, so a key that is no setting stops the program before anything is done.
/// </summary>
public sealed class SettingKeysCheck;

public static class SettingKeysCheckServiceCollectionExtensions
{
    /// <summary>
    /// Refuses, at start, keys under <paramref name="keys"/>' sections that are no setting. The
    /// configuration is read when validated, so sources added after this call are checked too.
    /// </summary>
    public static IServiceCollection AddSettingKeysCheck(this IServiceCollection services, IConfiguration configuration, SettingKeys keys)
    {
        services.AddOptions<SettingKeysCheck>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<SettingKeysCheck>>(new Validator(configuration, keys));
        return services;
    }

    private sealed class Validator(IConfiguration configuration, SettingKeys keys) : IValidateOptions<SettingKeysCheck>
    {
        public ValidateOptionsResult Validate(string? name, SettingKeysCheck options) =>
            keys.Problems(configuration) is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
