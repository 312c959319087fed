namespace ReviewBot.Core.Subscriptions;

/// <summary>
/// Discord ids are unsigned 64-bit; SQLite integers are signed. Ids fit 63 bits until 2084, so they
/// are stored as INTEGER and converted here, in one place.
/// </summary>
internal static class SnowflakeColumn
{
    public static long ToDb(ulong id) => checked((long)id);

    public static long? ToDb(ulong? id) => id is { } value ? ToDb(value) : null;

    public static ulong FromDb(long value) => checked((ulong)value);

    public static ulong? FromDb(long? value) => value is { } v ? FromDb(v) : null;
}
