using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>
/// A connection string that is empty, names no provider, or keys its provider rejects, stops the start (exit 2);
/// so does a SQLite page cache or map size that is not a whole number in range.
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

        var mapRange = $"a whole number of MiB from 0 (off) to {StorageOptions.MaxSqliteMapSizeMiB} "
            + "(how much of the SQLite file each connection reading answers maps), or leave it out for none";
        if (options.UnreadableSqliteMapSize is { } mapText)
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SqliteMapSizeKey} is \"{mapText}\"; set it to {mapRange}.");
        }

        if (options.SqliteMapSizeMiB is { } mib and (< 0 or > StorageOptions.MaxSqliteMapSizeMiB))
        {
            return ValidateOptionsResult.Fail($"{StorageOptions.SqliteMapSizeKey} is {mib}; set it to {mapRange}.");
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("Set ConnectionStrings:Reviews (environment: ConnectionStrings__Reviews), e.g. \"Data Source=data/reviewbot.db\".");
        }

        return StorageTarget.Detect(options.ConnectionString, out var error) is null
            ? ValidateOptionsResult.Fail(error!)
            : ValidateOptionsResult.Success;
    }
}
