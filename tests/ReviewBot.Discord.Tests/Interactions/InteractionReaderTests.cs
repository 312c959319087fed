using System.Text;
using System.Text.Json;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Tests.Interactions;

/// <summary>
/// The interaction reader against payloads shaped as Discord sends them (docs: Interactions, Receiving
/// and Responding, "Interaction Object"), with the fields the bot does not read left in, and against
/// payloads that are wrong in one place.
/// </summary>
public sealed class InteractionReaderTests
{
    /// <summary>A guild slash command as the gateway delivers it, every field Discord adds included.</summary>
    private const string GuildCommand = """
        {"app_permissions":"274878024704","application_id":"1100000000000000001",
         "authorizing_integration_owners":{"0":"1300000000000000001"},
         "channel":{"flags":0,"guild_id":"1300000000000000001","icon_emoji":{"id":null,"name":"📺"},"id":"1300000000000000002",
           "last_message_id":"1700000000000000001","name":"anime-reviews","nsfw":false,"parent_id":"1300000000000000003",
           "permissions":"2248473465835073","position":4,"rate_limit_per_user":0,"theme_color":null,"topic":null,"type":0},
         "channel_id":"1300000000000000002","context":0,
         "data":{"id":"1400000000000000002","name":"episode","type":1,
           "options":[{"name":"number","type":4,"value":12},{"name":"show","type":3,"value":"Frieren: Beyond Journey\u2019s End"}]},
         "entitlement_sku_ids":[],"entitlements":[],"guild":{"features":["COMMUNITY"],"id":"1300000000000000001","locale":"en-US"},
         "guild_id":"1300000000000000001","guild_locale":"en-US","id":"1200000000000000001","locale":"de",
         "member":{"avatar":null,"banner":null,"communication_disabled_until":null,"deaf":false,"flags":0,"joined_at":"2024-01-01T00:00:00.000000+00:00",
           "mute":false,"nick":"Mi","pending":false,"permissions":"2248473465835073","premium_since":null,"roles":["1600000000000000001","1600000000000000002"],
           "unusual_dm_activity_until":null,
           "user":{"avatar":null,"avatar_decoration_data":null,"clan":null,"discriminator":"0","global_name":"Mika","id":"1500000000000000001","public_flags":0,"username":"mika"}},
         "token":"aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDAwMTp0b2tlbg","type":2,"version":1}
        """;

    [Fact]
    public void Read_GuildCommand_ReadsTheIdsTokenAndType()
    {
        var interaction = Read(GuildCommand);

        Assert.Equal(new Snowflake(1_200_000_000_000_000_001), interaction.Id);
        Assert.Equal(new Snowflake(1_100_000_000_000_000_001), interaction.ApplicationId);
        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal("aW50ZXJhY3Rpb246MTIwMDAwMDAwMDAwMDAwMDAwMTp0b2tlbg", interaction.Token);
        Assert.Equal(1, interaction.Version);
        Assert.Equal(new Snowflake(1_300_000_000_000_000_001), interaction.GuildId);
        Assert.Equal(new Snowflake(1_300_000_000_000_000_002), interaction.ChannelId);
    }

    [Fact]
    public void Read_GuildCommand_ReadsThePartialChannelAndSkipsItsOtherFields()
    {
        var channel = Read(GuildCommand).Channel!;

        Assert.Equal(new Snowflake(1_300_000_000_000_000_002), channel.Id);
        Assert.Equal(ChannelType.GuildText, channel.Type);
        Assert.Equal("anime-reviews", channel.Name);
        Assert.Equal(new Snowflake(1_300_000_000_000_000_003), channel.ParentId);
        Assert.Equal(new Snowflake(1_300_000_000_000_000_001), channel.GuildId);
    }

    [Fact]
    public void Read_GuildCommand_ReadsTheMemberWithRolesPermissionsAndUser()
    {
        var interaction = Read(GuildCommand);

        var member = interaction.Member!;
        Assert.Equal("Mi", member.Nick);
        Assert.Equal([new Snowflake(1_600_000_000_000_000_001), new Snowflake(1_600_000_000_000_000_002)], member.Roles);
        Assert.Equal((Permissions)2_248_473_465_835_073, member.Permissions);
        Assert.Equal(new Snowflake(1_500_000_000_000_000_001), interaction.Invoker!.Id);
        Assert.Equal("mika", interaction.Invoker.Username);
        Assert.Equal("Mika", interaction.Invoker.GlobalName);
        Assert.Equal("0", interaction.Invoker.Discriminator);
        Assert.Null(interaction.User);
    }

    [Fact]
    public void Read_GuildCommand_ReadsAppPermissionsLocalesAndContext()
    {
        var interaction = Read(GuildCommand);

        Assert.Equal((Permissions)274_878_024_704, interaction.AppPermissions);
        Assert.True(interaction.AppPermissions!.Value.HasFlag(Permissions.AttachFiles));
        Assert.Equal("de", interaction.Locale);
        Assert.Equal("en-US", interaction.GuildLocale);
        Assert.Equal(InteractionContextType.Guild, interaction.Context);
    }

    [Fact]
    public void Read_GuildCommand_ReadsTheOptionsWithEscapedTextAndNumbers()
    {
        var data = Read(GuildCommand).Data!;

        Assert.Equal(new Snowflake(1_400_000_000_000_000_002), data.Id);
        Assert.Equal("episode", data.Name);
        Assert.Equal(ApplicationCommandType.ChatInput, data.Type);
        Assert.Equal(2, data.Options!.Count);
        Assert.Equal(ApplicationCommandOptionType.Integer, data.Options[0].Type);
        Assert.Equal(12, data.Options[0].GetInt64());
        Assert.Equal("12", data.Options[0].GetString());
        Assert.Equal("Frieren: Beyond Journey’s End", data.Options[1].GetString());
        Assert.Null(data.Options[1].GetInt64());
        Assert.Null(data.FocusedOption);
    }

    [Fact]
    public void Read_TheSameLocaleTwice_GivesTheSameString()
    {
        var first = Read(GuildCommand);
        var second = Read(GuildCommand);

        Assert.Same(first.GuildLocale, second.GuildLocale);
        Assert.Same(first.Locale, second.Locale);
    }

    [Fact]
    public void Read_ALocaleDiscordDoesNotList_IsKeptAsSent()
    {
        var interaction = Read("""{"id":"1","application_id":"2","type":2,"token":"t","locale":"tlh-KX"}""");

        Assert.Equal("tlh-KX", interaction.Locale);
    }

    [Fact]
    public void Read_CommandInADm_TakesTheInvokerFromUserWithNoMember()
    {
        var interaction = Read("""
            {"app_permissions":"562949953601536","application_id":"1100000000000000001","authorizing_integration_owners":{"1":"1500000000000000009"},
             "channel":{"flags":0,"id":"1300000000000000050","last_message_id":null,"recipients":[{"id":"1500000000000000009","username":"dm-user"}],"type":1},
             "channel_id":"1300000000000000050","context":1,"data":{"id":"1400000000000000001","name":"review","type":1,"options":[{"name":"show","type":3,"value":"metallic-rouge"}]},
             "entitlements":[],"id":"1200000000000000010","locale":"en-GB",
             "token":"dG9rZW4","type":2,
             "user":{"avatar":null,"discriminator":"0","global_name":null,"id":"1500000000000000009","public_flags":0,"username":"dm-user"},"version":1}
            """);

        Assert.Null(interaction.Member);
        Assert.Null(interaction.GuildId);
        Assert.Null(interaction.GuildLocale);
        Assert.Equal(new Snowflake(1_500_000_000_000_000_009), interaction.Invoker!.Id);
        Assert.Equal("dm-user", interaction.Invoker.Username);
        Assert.Null(interaction.Invoker.GlobalName);
        Assert.Equal(ChannelType.Dm, interaction.Channel!.Type);
        Assert.Equal(InteractionContextType.BotDm, interaction.Context);
        Assert.Equal("metallic-rouge", interaction.Data!.Options![0].GetString());
    }

    [Fact]
    public void Read_Autocomplete_FindsTheFocusedOptionWithItsPartialText()
    {
        var interaction = Read("""
            {"id":"1","application_id":"2","type":4,"token":"t","guild_id":"5","channel_id":"6",
             "member":{"user":{"id":"3","username":"u"},"roles":[],"permissions":"0"},
             "data":{"id":"4","name":"episode","type":1,"options":[{"name":"number","type":4,"value":"1","focused":true},{"name":"show","type":3,"value":"frie"}]}}
            """);

        var focused = interaction.Data!.FocusedOption!;

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, interaction.Type);
        Assert.Equal("number", focused.Name);
        Assert.Equal("1", focused.GetString());
        Assert.Equal(1, focused.GetInt64());
        Assert.Empty(interaction.Member!.Roles);
    }

    [Fact]
    public void Read_StringSelect_ReadsCustomIdValuesAndTheMessage()
    {
        var interaction = Read("""
            {"id":"1","application_id":"2","type":3,"token":"t","guild_id":"5","channel_id":"8",
             "member":{"user":{"id":"3","username":"u"},"roles":[],"permissions":"0"},
             "message":{"id":"9","channel_id":"8","content":"","embeds":[],"components":[{"type":1,"components":[{"type":3,"custom_id":"rate:7","options":[{"label":"7","value":"7"}]}]}]},
             "data":{"custom_id":"rate:7","component_type":3,"values":["7"]}}
            """);

        Assert.Equal("rate:7", interaction.Data!.CustomId);
        Assert.Equal(ComponentType.StringSelect, interaction.Data.ComponentType);
        Assert.Equal(["7"], interaction.Data.Values!);
        Assert.Equal(new Snowflake(9), interaction.Message!.Id);
        Assert.Equal(new Snowflake(8), interaction.Message.ChannelId);
    }

    [Fact]
    public void Read_Button_HasNoValues()
    {
        var interaction = Read("""{"id":"1","application_id":"2","type":3,"token":"t","data":{"custom_id":"season:next","component_type":2}}""");

        Assert.Equal(ComponentType.Button, interaction.Data!.ComponentType);
        Assert.Null(interaction.Data.Values);
    }

    [Fact]
    public void Read_ModalSubmit_ReadsItsCustomIdAndSkipsItsComponents()
    {
        var interaction = Read("""
            {"id":"1","application_id":"2","type":5,"token":"t",
             "data":{"custom_id":"note:3","components":[{"type":1,"components":[{"type":4,"custom_id":"text","value":"hello"}]}]}}
            """);

        Assert.Equal(InteractionType.ModalSubmit, interaction.Type);
        Assert.Equal("note:3", interaction.Data!.CustomId);
        Assert.Null(interaction.Data.Options);
    }

    [Fact]
    public void Read_SubcommandWithResolvedChannel_ReadsNestedOptionsAndResolved()
    {
        var interaction = Read("""
            {"id":"1","application_id":"2","type":2,"token":"t",
             "data":{"name":"subscribe","type":1,"options":[{"name":"add","type":1,"options":[{"name":"channel","type":7,"value":"90"}]}],
               "resolved":{"channels":{"90":{"id":"90","type":15,"name":"forum","permissions":"0"}}}}}
            """);

        var sub = Assert.Single(interaction.Data!.Options!);
        Assert.Equal("90", sub.Options![0].GetString());
        Assert.Equal(ChannelType.GuildForum, interaction.Data.Resolved!.Channels!["90"].Type);
    }

    [Fact]
    public void Read_NumberBooleanAndNullValues_KeepTheirKinds()
    {
        var options = Read("""
            {"id":"1","application_id":"2","type":2,"token":"t","data":{"name":"rate","type":1,
             "options":[{"name":"score","type":10,"value":7.25},{"name":"spoilers","type":5,"value":false},{"name":"note","type":3,"value":null}]}}
            """).Data!.Options!;

        Assert.Equal(7.25, options[0].GetDouble());
        Assert.Equal("7.25", options[0].GetString());
        Assert.Null(options[0].GetInt64());
        Assert.False(options[1].GetBoolean());
        Assert.Equal("false", options[1].GetString());
        Assert.Null(options[2].Value);
        Assert.Null(options[2].GetString());
    }

    [Fact]
    public void Read_EscapedPropertyNames_AreMatched()
    {
        var interaction = Read("""{"\u0069d":"1","application_id":"2","type":2,"\u0074oken":"t\u002fx"}""");

        Assert.Equal(new Snowflake(1), interaction.Id);
        Assert.Equal("t/x", interaction.Token);
    }

    [Fact]
    public void Read_PermissionsAsABareNumber_AreRead()
    {
        var interaction = Read("""{"id":"1","application_id":"2","type":2,"token":"t","app_permissions":8,"member":{"permissions":32768}}""");

        Assert.Equal(Permissions.Administrator, interaction.AppPermissions);
        Assert.Equal(Permissions.AttachFiles, interaction.Member!.Permissions);
    }

    [Fact]
    public void Read_MemberRolesAndUserBeforeOtherFields_ReadsThoseAfterThemToo()
    {
        var interaction = Read("""
            {"id":"1","application_id":"2","type":2,"token":"t",
             "member":{"roles":["11","12"],"nick":"n","user":{"id":"3","username":"u","discriminator":"1234","global_name":"G"}},"locale":"de"}
            """);

        Assert.Equal([new Snowflake(11), new Snowflake(12)], interaction.Member!.Roles);
        Assert.Equal("n", interaction.Member.Nick);
        Assert.Equal("1234", interaction.Invoker!.Discriminator);
        Assert.Equal("G", interaction.Invoker.GlobalName);
        Assert.Equal("de", interaction.Locale);
    }

    [Theory]
    [InlineData("""{"application_id":"2","type":2,"token":"t"}""", "\"id\"")]
    [InlineData("""{"id":"1","type":2,"token":"t"}""", "\"application_id\"")]
    [InlineData("""{"id":"1","application_id":"2","token":"t"}""", "\"type\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2}""", "\"token\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"options":[{"type":3,"value":"x"}]}}""", "\"option.name\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"username":"u"}}""", "\"user.id\"")]
    public void Read_MissingRequiredField_IsAJsonExceptionNamingIt(string json, string field)
    {
        var error = Assert.Throws<JsonException>(() => Read(json));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"id":"twelve","application_id":"2","type":2,"token":"t"}""", "\"id\"")]
    [InlineData("""{"id":"1","application_id":"2","type":"2","token":"t"}""", "\"type\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":7}""", "\"token\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"options":{"name":"x"}}}""", "options")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","member":{"roles":["r"]}}""", "\"member.roles\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","member":{"roles":["1",{"id":"2"}]}}""", "\"member.roles\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3","username":"u","discriminator":0}}""", "\"user.discriminator\"")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"values":[1]}}""", "\"data.values\"")]
    public void Read_FieldOfTheWrongType_IsAJsonExceptionNamingIt(string json, string field)
    {
        var error = Assert.Throws<JsonException>(() => Read(json));

        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t"} {}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t" """)]
    public void Read_NotOneInteractionObject_IsAJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => Read(json));
    }

    /// <summary>
    /// Text that is no Unicode, as bytes that are not UTF-8 or as an escaped lone surrogate: the reader's
    /// transcoding throws InvalidOperationException, which callers expecting a malformed payload to be a
    /// JsonException did not catch (the gateway dropped its connection over it).
    /// </summary>
    [Theory]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"BAD"}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"name":"BAD"}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"custom_id":"BAD"}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"values":["BAD"]}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"options":[{"name":"show","type":3,"value":"BAD"}]}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","locale":"BAD"}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3","username":"BAD","discriminator":"BAD"}}""")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","member":{"nick":"BAD"}}""")]
    public void Read_TextThatIsNotUnicode_IsAJsonException(string json)
    {
        // 0xC3 0x28: a two-byte sequence whose second byte is no continuation byte.
        var withBadBytes = Encoding.UTF8.GetBytes(json.Replace("BAD", "\u00C3(", StringComparison.Ordinal));
        var at = withBadBytes.AsSpan().IndexOf("\u00C3("u8);
        withBadBytes = [.. withBadBytes[..at], 0xC3, 0x28, .. withBadBytes[(at + 3)..]];
        var loneSurrogate = Encoding.UTF8.GetBytes(json.Replace("BAD", @"\ud800", StringComparison.Ordinal));

        Assert.ThrowsAny<JsonException>(() => InteractionJson.Parse(withBadBytes));
        Assert.ThrowsAny<JsonException>(() => InteractionJson.Parse(loneSurrogate));
    }

    [Fact]
    public void Read_FromADispatchElement_ReadsOnlyItsOwnObject()
    {
        using var document = JsonDocument.Parse("""{"op":0,"t":"INTERACTION_CREATE","s":3,"d":""" + GuildCommand + ""","extra":{"id":"99"} }""");

        var interaction = InteractionJson.Parse(document.RootElement.GetProperty("d"));

        Assert.Equal(new Snowflake(1_200_000_000_000_000_001), interaction.Id);
        Assert.Equal("episode", interaction.Data!.Name);
    }

    private static Interaction Read(string json) => InteractionJson.Parse(Encoding.UTF8.GetBytes(json));
}
