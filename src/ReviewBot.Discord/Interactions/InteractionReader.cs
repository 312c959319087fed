using System.Text.Json;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>
/// Reads an interaction payload (docs: Interactions, Receiving and Responding, "Interaction Object")
/// straight off the UTF-8 bytes with <see cref="Utf8JsonReader"/>, because every interaction the bot
/// answers goes through here. The parts every interaction carries (ids, token, member, channel, the
/// command's options or the component's values) are read field by field into the model; the rare and
/// deep ones (a component's message, the resolved users, roles and channels) go through the
/// source-generated metadata. Unknown fields are skipped; a missing id, application_id, type or token,
/// or a field of the wrong JSON type, is a <see cref="JsonException"/> naming it.
/// </summary>
internal static class InteractionReader
{
    public static Interaction Read(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            if (!reader.Read() || reader.TokenType == JsonTokenType.Null)
            {
                throw new JsonException("An interaction payload was null.");
            }

            var interaction = ReadInteraction(ref reader);
            if (reader.Read())
            {
                throw new JsonException($"An interaction payload has more after its object (at byte {reader.TokenStartIndex}).");
            }

            return interaction;
        }
        catch (InvalidOperationException exception)
        {
            // The reader checks a string's text only when it is read as one (GetString, ValueTextEquals):
            // bytes that are not UTF-8, or an escaped lone surrogate, throw this there. It is a malformed
            // payload like any other, and callers catch JsonException for those.
            throw new JsonException($"An interaction payload has text that is not Unicode (near byte {reader.TokenStartIndex}).", exception);
        }
    }

    private static Interaction ReadInteraction(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "interaction");
        Snowflake? id = null, applicationId = null, guildId = null, channelId = null;
        InteractionType? type = null;
        string? token = null, locale = null, guildLocale = null;
        var version = 1;
        InteractionData? data = null;
        Channel? channel = null;
        GuildMember? member = null;
        User? user = null;
        Message? message = null;
        Permissions? appPermissions = null;
        InteractionContextType? context = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadSnowflake(ref reader, "id");
            }
            else if (reader.ValueTextEquals("application_id"u8))
            {
                applicationId = ReadSnowflake(ref reader, "application_id");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = (InteractionType)ReadInt32(ref reader, "type");
            }
            else if (reader.ValueTextEquals("token"u8))
            {
                token = ReadString(ref reader, "token");
            }
            else if (reader.ValueTextEquals("data"u8))
            {
                data = ReadNullable(ref reader) ? null : ReadData(ref reader);
            }
            else if (reader.ValueTextEquals("guild_id"u8))
            {
                guildId = ReadOptionalSnowflake(ref reader, "guild_id");
            }
            else if (reader.ValueTextEquals("channel_id"u8))
            {
                channelId = ReadOptionalSnowflake(ref reader, "channel_id");
            }
            else if (reader.ValueTextEquals("channel"u8))
            {
                channel = ReadNullable(ref reader) ? null : ReadChannel(ref reader);
            }
            else if (reader.ValueTextEquals("member"u8))
            {
                member = ReadNullable(ref reader) ? null : ReadMember(ref reader);
            }
            else if (reader.ValueTextEquals("user"u8))
            {
                user = ReadNullable(ref reader) ? null : ReadUser(ref reader);
            }
            else if (reader.ValueTextEquals("version"u8))
            {
                version = ReadInt32(ref reader, "version");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = JsonSerializer.Deserialize(ref reader, DiscordJsonContext.Default.Message);
            }
            else if (reader.ValueTextEquals("app_permissions"u8))
            {
                appPermissions = ReadNullable(ref reader) ? null : PermissionsJsonConverter.Read(ref reader);
            }
            else if (reader.ValueTextEquals("locale"u8))
            {
                locale = ReadLocale(ref reader, "locale");
            }
            else if (reader.ValueTextEquals("guild_locale"u8))
            {
                guildLocale = ReadLocale(ref reader, "guild_locale");
            }
            else if (reader.ValueTextEquals("context"u8))
            {
                context = ReadNullable(ref reader) ? null : (InteractionContextType)ReadInt32(ref reader, "context");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new Interaction
        {
            Id = id ?? throw Missing("id"),
            ApplicationId = applicationId ?? throw Missing("application_id"),
            Type = type ?? throw Missing("type"),
            Token = token ?? throw Missing("token"),
            Data = data,
            GuildId = guildId,
            ChannelId = channelId,
            Channel = channel,
            Member = member,
            User = user,
            Version = version,
            Message = message,
            AppPermissions = appPermissions,
            Locale = locale,
            GuildLocale = guildLocale,
            Context = context,
        };
    }

    private static InteractionData ReadData(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "data");
        Snowflake? id = null, guildId = null, targetId = null;
        string? name = null, customId = null;
        ApplicationCommandType? type = null;
        ComponentType? componentType = null;
        List<InteractionDataOption>? options = null;
        List<string>? values = null;
        InteractionResolvedData? resolved = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReadOptionalString(ref reader, "data.name");
            }
            else if (reader.ValueTextEquals("options"u8))
            {
                options = ReadOptions(ref reader);
            }
            else if (reader.ValueTextEquals("id"u8))
            {
                id = ReadOptionalSnowflake(ref reader, "data.id");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = ReadNullable(ref reader) ? null : (ApplicationCommandType)ReadInt32(ref reader, "data.type");
            }
            else if (reader.ValueTextEquals("custom_id"u8))
            {
                customId = ReadOptionalString(ref reader, "data.custom_id");
            }
            else if (reader.ValueTextEquals("component_type"u8))
            {
                componentType = ReadNullable(ref reader) ? null : (ComponentType)ReadInt32(ref reader, "data.component_type");
            }
            else if (reader.ValueTextEquals("values"u8))
            {
                values = ReadStrings(ref reader, "data.values");
            }
            else if (reader.ValueTextEquals("resolved"u8))
            {
                reader.Read();
                resolved = JsonSerializer.Deserialize(ref reader, DiscordJsonContext.Default.InteractionResolvedData);
            }
            else if (reader.ValueTextEquals("guild_id"u8))
            {
                guildId = ReadOptionalSnowflake(ref reader, "data.guild_id");
            }
            else if (reader.ValueTextEquals("target_id"u8))
            {
                targetId = ReadOptionalSnowflake(ref reader, "data.target_id");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new InteractionData
        {
            Id = id,
            Name = name,
            Type = type,
            Options = options,
            Resolved = resolved,
            GuildId = guildId,
            TargetId = targetId,
            CustomId = customId,
            ComponentType = componentType,
            Values = values,
        };
    }

    /// <summary>An <c>options</c> array, recursively for sub-commands and groups.</summary>
    private static List<InteractionDataOption>? ReadOptions(ref Utf8JsonReader reader)
    {
        if (ReadNullable(ref reader))
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, "options");
        var options = new List<InteractionDataOption>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            options.Add(ReadOption(ref reader));
        }

        return options;
    }

    private static InteractionDataOption ReadOption(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "option");
        string? name = null;
        ApplicationCommandOptionType type = default;
        InteractionOptionValue? value = null;
        List<InteractionDataOption>? options = null;
        bool? focused = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = ReadString(ref reader, "option.name");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = (ApplicationCommandOptionType)ReadInt32(ref reader, "option.type");
            }
            else if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                value = InteractionOptionValue.Read(ref reader);
            }
            else if (reader.ValueTextEquals("options"u8))
            {
                options = ReadOptions(ref reader);
            }
            else if (reader.ValueTextEquals("focused"u8))
            {
                reader.Read();
                focused = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw WrongType("option.focused", "a boolean"),
                };
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new InteractionDataOption
        {
            Name = name ?? throw Missing("option.name"),
            Type = type,
            Value = value,
            Options = options,
            Focused = focused,
        };
    }

    /// <summary>The partial channel of an interaction (id, type, name, guild and parent).</summary>
    private static Channel ReadChannel(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "channel");
        Snowflake? id = null, guildId = null, parentId = null;
        ChannelType type = default;
        string? name = null;
        Message? message = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadSnowflake(ref reader, "channel.id");
            }
            else if (reader.ValueTextEquals("type"u8))
            {
                type = (ChannelType)ReadInt32(ref reader, "channel.type");
            }
            else if (reader.ValueTextEquals("name"u8))
            {
                name = ReadOptionalString(ref reader, "channel.name");
            }
            else if (reader.ValueTextEquals("guild_id"u8))
            {
                guildId = ReadOptionalSnowflake(ref reader, "channel.guild_id");
            }
            else if (reader.ValueTextEquals("parent_id"u8))
            {
                parentId = ReadOptionalSnowflake(ref reader, "channel.parent_id");
            }
            else if (reader.ValueTextEquals("message"u8))
            {
                reader.Read();
                message = JsonSerializer.Deserialize(ref reader, DiscordJsonContext.Default.Message);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new Channel { Id = id ?? throw Missing("channel.id"), Type = type, GuildId = guildId, Name = name, ParentId = parentId, Message = message };
    }

    private static GuildMember ReadMember(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "member");
        User? user = null;
        string? nick = null;
        IReadOnlyList<Snowflake>? roles = null;
        Permissions? permissions = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("user"u8))
            {
                user = ReadNullable(ref reader) ? null : ReadUser(ref reader);
            }
            else if (reader.ValueTextEquals("roles"u8))
            {
                roles = ReadSnowflakes(ref reader, "member.roles");
            }
            else if (reader.ValueTextEquals("permissions"u8))
            {
                permissions = ReadNullable(ref reader) ? null : PermissionsJsonConverter.Read(ref reader);
            }
            else if (reader.ValueTextEquals("nick"u8))
            {
                nick = ReadOptionalString(ref reader, "member.nick");
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new GuildMember { User = user, Nick = nick, Permissions = permissions, Roles = roles ?? [] };
    }

    private static User ReadUser(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "user");
        Snowflake? id = null;
        string? username = null, globalName = null, discriminator = null;
        bool? bot = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("id"u8))
            {
                id = ReadSnowflake(ref reader, "user.id");
            }
            else if (reader.ValueTextEquals("username"u8))
            {
                username = ReadString(ref reader, "user.username");
            }
            else if (reader.ValueTextEquals("global_name"u8))
            {
                globalName = ReadOptionalString(ref reader, "user.global_name");
            }
            else if (reader.ValueTextEquals("discriminator"u8))
            {
                // "0" for every user since the move to unique usernames: one string for all of them.
                discriminator = ReadNullable(ref reader) ? null
                    : reader.TokenType != JsonTokenType.String ? throw WrongType("user.discriminator", "a string")
                    : reader.ValueTextEquals("0"u8) ? "0" : reader.GetString();
            }
            else if (reader.ValueTextEquals("bot"u8))
            {
                reader.Read();
                bot = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw WrongType("user.bot", "a boolean"),
                };
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return new User { Id = id ?? throw Missing("user.id"), Username = username ?? "", GlobalName = globalName, Discriminator = discriminator, Bot = bot };
    }

    /// <summary>Moves to the next property name of the object being read; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.PropertyName;
    }

    /// <summary>Moves onto the property's value; true (and nothing else to read) when it is null.</summary>
    private static bool ReadNullable(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        reader.Skip();
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token, string what)
    {
        if (reader.TokenType != token)
        {
            throw WrongType(what, token == JsonTokenType.StartObject ? "an object" : "an array");
        }
    }

    private static Snowflake ReadSnowflake(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return Snowflake.Read(ref reader) ?? throw WrongType(field, "a snowflake");
    }

    private static Snowflake? ReadOptionalSnowflake(ref Utf8JsonReader reader, string field) =>
        ReadNullable(ref reader) ? null : Snowflake.Read(ref reader) ?? throw WrongType(field, "a snowflake");

    private static int ReadInt32(ref Utf8JsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) ? value : throw WrongType(field, "a 32-bit integer");
    }

    private static string ReadString(ref Utf8JsonReader reader, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongType(field, "a string");
    }

    private static string? ReadOptionalString(ref Utf8JsonReader reader, string field) =>
        ReadNullable(ref reader) ? null : reader.TokenType == JsonTokenType.String ? reader.GetString() : throw WrongType(field, "a string");

    /// <summary>A locale: one of Discord's own (the same string instance each time), or the text as sent.</summary>
    private static string? ReadLocale(ref Utf8JsonReader reader, string field) =>
        ReadNullable(ref reader) ? null : reader.TokenType == JsonTokenType.String ? DiscordLocales.Read(ref reader) : throw WrongType(field, "a string");

    private static List<string>? ReadStrings(ref Utf8JsonReader reader, string field)
    {
        if (ReadNullable(ref reader))
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, field);
        var strings = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            strings.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw WrongType(field, "strings"));
        }

        return strings;
    }

    private static IReadOnlyList<Snowflake>? ReadSnowflakes(ref Utf8JsonReader reader, string field)
    {
        if (ReadNullable(ref reader))
        {
            return null;
        }

        Expect(ref reader, JsonTokenType.StartArray, field);

        // Counted first on a copy of the reader (a struct over the same bytes), so the ids go straight
        // into an array of their number rather than a list grown to fit: every member carries its roles.
        var ahead = reader;
        var count = 0;
        while (ahead.Read() && ahead.TokenType != JsonTokenType.EndArray)
        {
            ahead.Skip();
            count++;
        }

        var ids = count == 0 ? [] : new Snowflake[count];
        for (var i = 0; i < ids.Length; i++)
        {
            reader.Read();
            ids[i] = Snowflake.Read(ref reader) ?? throw WrongType(field, "snowflakes");
        }

        reader.Read(); // onto the array's end
        return ids;
    }

    private static JsonException Missing(string field) =>
        new($"An interaction payload lacks its required \"{field}\".");

    private static JsonException WrongType(string field, string expected) =>
        new($"An interaction payload's \"{field}\" is not {expected}.");
}
