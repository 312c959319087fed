using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewBot.Discord.Models;

/// <summary>Discord's permission bitfield. On the wire it is a decimal STRING (it outgrew 53-bit JSON numbers).</summary>
[Flags]
[JsonConverter(typeof(PermissionsJsonConverter))]
public enum Permissions : ulong
{
    None = 0,
    CreateInstantInvite = 1UL << 0,
    KickMembers = 1UL << 1,
    BanMembers = 1UL << 2,
    Administrator = 1UL << 3,
    ManageChannels = 1UL << 4,
    ManageGuild = 1UL << 5,
    AddReactions = 1UL << 6,
    ViewAuditLog = 1UL << 7,
    ViewChannel = 1UL << 10,
    SendMessages = 1UL << 11,
    SendTtsMessages = 1UL << 12,
    ManageMessages = 1UL << 13,
    EmbedLinks = 1UL << 14,
    AttachFiles = 1UL << 15,
    ReadMessageHistory = 1UL << 16,
    MentionEveryone = 1UL << 17,
    UseExternalEmojis = 1UL << 18,
    ManageRoles = 1UL << 28,
    ManageWebhooks = 1UL << 29,
    UseApplicationCommands = 1UL << 31,
    ManageThreads = 1UL << 34,
    CreatePublicThreads = 1UL << 35,
    CreatePrivateThreads = 1UL << 36,
    SendMessagesInThreads = 1UL << 38,
}

/// <summary>Reads and writes <see cref="Permissions"/> as Discord's decimal string; tolerates a bare number.</summary>
public sealed class PermissionsJsonConverter : JsonConverter<Permissions>
{
    public override Permissions Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Read(ref reader);

    /// <summary>The bitfield at the reader's current token; read without making a string of it.</summary>
    internal static Permissions Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out var number))
        {
            return (Permissions)number;
        }

        if (reader.TokenType == JsonTokenType.String
            && (reader.ValueIsEscaped
                ? ulong.TryParse(reader.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                : ulong.TryParse(reader.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out value)))
        {
            return (Permissions)value;
        }

        throw new JsonException("Expected a permission bitfield: a string holding an unsigned 64-bit integer.");
    }

    public override void Write(Utf8JsonWriter writer, Permissions value, JsonSerializerOptions options) =>
        writer.WriteStringValue(((ulong)value).ToString(CultureInfo.InvariantCulture));
}
