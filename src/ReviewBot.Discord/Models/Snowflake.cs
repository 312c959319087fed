using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewBot.Discord.Models;

/// <summary>
/// A Discord id: an unsigned 64-bit number sent as a JSON string. This is the one place ids are
/// parsed; the converter also accepts a bare number because the API echoes small ids that way.
/// </summary>
[JsonConverter(typeof(SnowflakeJsonConverter))]
public readonly record struct Snowflake(ulong Value) : IComparable<Snowflake>, ISpanFormattable
{
    /// <summary>2015-01-01T00:00:00Z, the start of Discord's id clock.</summary>
    public const long DiscordEpochMilliseconds = 1420070400000;

    public DateTimeOffset CreatedAt =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)(Value >> 22) + DiscordEpochMilliseconds);

    public static Snowflake Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not a Discord snowflake (an unsigned 64-bit number).");

    public static bool TryParse(string? text, out Snowflake id)
    {
        var ok = ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value);
        id = new Snowflake(value);
        return ok;
    }

    /// <summary>The snowflake at the reader's current token (a string, or a bare number); null when it holds none.</summary>
    internal static Snowflake? Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number))
        {
            return new Snowflake(number);
        }

        if (reader.TokenType == JsonTokenType.String
            && !reader.ValueIsEscaped
            && System.Buffers.Text.Utf8Parser.TryParse(reader.ValueSpan, out ulong value, out var consumed)
            && consumed == reader.ValueSpan.Length)
        {
            return new Snowflake(value);
        }

        return null;
    }

    public int CompareTo(Snowflake other) => Value.CompareTo(other.Value);

    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Always the plain decimal number; an interpolated string formats it in place, with no string of its own.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();

    public bool TryFormat(Span<char> destination, out int charsWritten, ReadOnlySpan<char> format, IFormatProvider? provider) =>
        Value.TryFormat(destination, out charsWritten, default, CultureInfo.InvariantCulture);

    public static implicit operator ulong(Snowflake id) => id.Value;

    public static bool operator <(Snowflake left, Snowflake right) => left.Value < right.Value;

    public static bool operator <=(Snowflake left, Snowflake right) => left.Value <= right.Value;

    public static bool operator >(Snowflake left, Snowflake right) => left.Value > right.Value;

    public static bool operator >=(Snowflake left, Snowflake right) => left.Value >= right.Value;
}

public sealed class SnowflakeJsonConverter : JsonConverter<Snowflake>
{
    public override Snowflake Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Snowflake.Read(ref reader) ?? throw new JsonException("Expected a snowflake: a string or number holding an unsigned 64-bit integer.");

    public override void Write(Utf8JsonWriter writer, Snowflake value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[20];
        System.Buffers.Text.Utf8Formatter.TryFormat(value.Value, buffer, out var written);
        writer.WriteStringValue(buffer[..written]);
    }
}
