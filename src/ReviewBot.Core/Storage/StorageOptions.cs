using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>Bound from <c>ConnectionStrings:Reviews</c> and <c>Storage:SqliteCacheSizeKiB</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultConnectionString = "Data Source=data/reviewbot.db";

    public const string SqliteCacheSizeKey = "Storage:SqliteCacheSizeKiB";

    /// <summary>Below this, even one /review would read its pages from the file again within the same call.</summary>
    public const int MinSqliteCacheSizeKiB = 64;

    public const int MaxSqliteCacheSizeKiB = 1_048_576;

    /// <summary>
    /// The page cache a connection keeps when none is set, smaller than SQLite's own 2,000 KiB: in WAL
    /// mode a connection drops its whole cache whenever another connection has committed, and the bot
    /// commits on nearly every /review and /episode (the channel's context), so under load a pooled
    /// connection's cache rarely outlives the next answer. When one connection answers alone its
    /// cache lasts, and what one answer reads (the B-trees' upper pages, a review and its episodes)
    /// fits this. A larger cache would mostly hold memory in every pooled connection.
    /// </summary>
    public const int DefaultSqliteCacheSizeKiB = 256;

    [Required(AllowEmptyStrings = false, ErrorMessage = "Set ConnectionStrings:Reviews (environment: ConnectionStrings__Reviews), e.g. \"Data Source=data/reviewbot.db\".")]
    public string ConnectionString { get; set; } = DefaultConnectionString;

    /// <summary>
    /// The page cache each SQLite connection may hold, in KiB (<c>PRAGMA cache_size = -N</c> on every
    /// opened connection). Each pooled connection keeps its own cache, so the bound on all of them is
    /// this times the connections open at once. Null: <see cref="DefaultSqliteCacheSizeKiB"/>. Not used for PostgreSQL.
    /// </summary>
    public int? SqliteCacheSizeKiB { get; set; }

    /// <summary>The page cache size connections get: the one set, or <see cref="DefaultSqliteCacheSizeKiB"/>.</summary>
    public int EffectiveSqliteCacheSizeKiB => SqliteCacheSizeKiB ?? DefaultSqliteCacheSizeKiB;

    /// <summary>The setting's text when it is not a whole number, for the validator to name.</summary>
    internal string? UnreadableSqliteCacheSize { get; set; }

    /// <summary>Reads <see cref="SqliteCacheSizeKey"/>'s text: a number, or kept as unreadable for the validator.</summary>
    internal void SetSqliteCacheSize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var kib))
        {
            SqliteCacheSizeKiB = kib;
        }
        else
        {
            UnreadableSqliteCacheSize = text;
        }
    }
}

/// <summary>Checks <see cref="StorageOptions"/>' attributes at start, generated at compile time.</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsAttributeValidator : IValidateOptions<StorageOptions>;
