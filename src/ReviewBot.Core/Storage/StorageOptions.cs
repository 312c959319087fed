using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Storage;

/// <summary>Bound from <c>ConnectionStrings:Reviews</c>, <c>Storage:SqliteCacheSizeKiB</c> and <c>Storage:SqliteMapSizeMiB</c>.</summary>
public sealed class StorageOptions
{
    public const string DefaultConnectionString = "Data Source=data/reviewbot.db";

    public const string SqliteCacheSizeKey = "Storage:SqliteCacheSizeKiB";

    /// <summary>Below this, even one /review would read its pages from the file again within the same call.</summary>
    public const int MinSqliteCacheSizeKiB = 64;

    public const int MaxSqliteCacheSizeKiB = 1_048_576;

    public const string SqliteMapSizeKey = "Storage:SqliteMapSizeMiB";

    /// <summary>
    /// No map unless one is set (<see cref="SqliteMapSizeMiB"/>): what it saves a first answer is a few
    /// percent of its time, and what it costs is resident memory that grows with what was read.
    /// </summary>
    public const int DefaultSqliteMapSizeMiB = 0;

    /// <summary>The most SQLite maps (its SQLITE_MAX_MMAP_SIZE on 64-bit Linux, 0x7fff0000 bytes), in whole MiB.</summary>
    public const int MaxSqliteMapSizeMiB = 2_047;

    /// <summary>
    /// The page cache a connection keeps when none is set, smaller than SQLite's own 2,000 KiB: in WAL
    /// mode a connection drops its whole cache whenever another connection has committed, and the bot
    /// commits on nearly every /review and /episode (the channel's context), so under load a pooled
    /// connection's cache rarely outlives the next answer. When one connection answers alone its
    /// cache lasts, and what one answer reads (the B-trees' upper pages, a review and its episodes)
    /// fits this. A larger cache would mostly hold memory in every pooled connection.
    /// </summary>
    public const int DefaultSqliteCacheSizeKiB = 256;

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

    /// <summary>
    /// How much of the database file, in MiB, each connection kept for reading answers (a stored answer
    /// and its chart, one row at a time) maps into memory (<c>PRAGMA mmap_size</c>): SQLite then reads the
    /// pages it needs where they lie in the operating system's cache instead of copying each into its own
    /// with a system call. 0, and null (<see cref="DefaultSqliteMapSizeMiB"/>), map nothing. Not used for PostgreSQL.
    /// </summary>
    /// <remarks>
    /// Pages read through the map count in the process's resident set (as file pages the kernel can drop
    /// and read again), where read pages would have stayed in the operating system's cache: the resident
    /// set of a bot that has answered about many reviews grows toward this bound per such connection.
    /// </remarks>
    public int? SqliteMapSizeMiB { get; set; }

    /// <summary>The map size those connections get: the one set, or <see cref="DefaultSqliteMapSizeMiB"/>.</summary>
    public int EffectiveSqliteMapSizeMiB => SqliteMapSizeMiB ?? DefaultSqliteMapSizeMiB;

    /// <summary>The map size setting's text when it is not a whole number, for the validator to name.</summary>
    internal string? UnreadableSqliteMapSize { get; set; }

    /// <summary>Reads <see cref="SqliteCacheSizeKey"/>'s text: a number, or kept as unreadable for the validator.</summary>
    internal void SetSqliteCacheSize(string? text)
    {
        if (ReadWholeNumber(text, out var kib) is { } unreadable)
        {
            UnreadableSqliteCacheSize = unreadable;
        }
        else if (kib is not null)
        {
            SqliteCacheSizeKiB = kib;
        }
    }

    /// <summary>Reads <see cref="SqliteMapSizeKey"/>'s text as <see cref="SetSqliteCacheSize"/> does its own.</summary>
    internal void SetSqliteMapSize(string? text)
    {
        if (ReadWholeNumber(text, out var mib) is { } unreadable)
        {
            UnreadableSqliteMapSize = unreadable;
        }
        else if (mib is not null)
        {
            SqliteMapSizeMiB = mib;
        }
    }

    /// <summary>A setting's whole number (null when left out or empty); returns the text when it is not one.</summary>
    private static string? ReadWholeNumber(string? text, out int? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return null;
        }

        return text;
    }
}
