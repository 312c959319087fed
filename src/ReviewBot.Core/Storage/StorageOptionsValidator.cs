using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>A connection string that names no provider, or keys its provider rejects, stops the start (exit 2).</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        // An empty string is reported by the [Required] attribute already.
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Success;
        }

        return StorageTarget.Detect(options.ConnectionString, out var error) is null
            ? ValidateOptionsResult.Fail(error!)
            : ValidateOptionsResult.Success;
    }
}
