using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// An option's value as Discord sent it: a string (its text), a number (its JSON literal, read as a
/// number only when asked) or a boolean. Kept as text rather than a <see cref="JsonElement"/>, which
/// would need a JSON document of its own per option.
/// </summary>
public readonly record struct InteractionOptionValue(JsonValueKind Kind, string Text)
{
    public static InteractionOptionValue String(string text) => new(JsonValueKind.String, text);

    public static InteractionOptionValue Number(long value) => new(JsonValueKind.Number, value.ToString(CultureInfo.InvariantCulture));

    public static InteractionOptionValue Number(double value) => new(JsonValueKind.Number, value.ToString("R", CultureInfo.InvariantCulture));

    public static InteractionOptionValue Boolean(bool value) => value ? new(JsonValueKind.True, "true") : new(JsonValueKind.False, "false");

    /// <summary>The text of a string; for any other value its JSON as sent.</summary>
    public override string ToString() => Text;

    /// <summary>The value at the reader's current token; null for JSON null.</summary>
    internal static InteractionOptionValue? Read(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => String(reader.GetString()!),
        JsonTokenType.Number => new(JsonValueKind.Number, Encoding.UTF8.GetString(reader.ValueSpan)),
        JsonTokenType.True => Boolean(true),
        JsonTokenType.False => Boolean(false),
        JsonTokenType.Null => null,
        _ => Raw(ref reader),
    };

    /// <summary>An object or array where Discord sends a scalar: kept as its JSON text.</summary>
    private static InteractionOptionValue Raw(ref Utf8JsonReader reader)
    {
        var kind = reader.TokenType == JsonTokenType.StartArray ? JsonValueKind.Array : JsonValueKind.Object;
        using var document = JsonDocument.ParseValue(ref reader);
        return new(kind, document.RootElement.GetRawText());
    }
}
