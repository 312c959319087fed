using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>
/// A connection string that names no provider, or keys its provider rejects, stops the start (exit 2);
/// so does a SQLite page cache size that is not a whole number of KiB in range.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var cacheRange = $"a whole number of KiB from {StorageOptions.MinSqliteCacheSizeKiB} to {StorageOptions.MaxSqliteCacheSizeKiB} "
            + $"(the page cache of each SQLite connection), or leave it out for the default of {StorageOptions.DefaultSqliteCacheSizeKiB}";
        if (options.UnreadableSqliteCacheSize is { } text)
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SqliteCacheSizeKey} is \"{text}\"; set it to {cacheRange}.");
        }

        if (options.SqliteCacheSizeKiB is { } kib and (< StorageOptions.MinSqliteCacheSizeKiB or > StorageOptions.MaxSqliteCacheSizeKiB))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SqliteCacheSizeKey} is {kib}; set it to {cacheRange}.");
        }

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
