using System.Text;
using System.Text.Json;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Tests.Interactions;

public sealed class InteractionJsonTests
{
    private const string SlashCommand = """
        {"id":"1200000000000000001","application_id":"1100000000000000001","type":2,"token":"tok","version":1,
         "guild_id":"1300000000000000001","channel_id":"1300000000000000002",
         "channel":{"id":"1300000000000000002","type":0,"name":"reviews","guild_id":"1300000000000000001"},
         "member":{"user":{"id":"1500000000000000001","username":"mika","global_name":"Mika"},"roles":["1600000000000000001"],"permissions":"2147483648"},
         "app_permissions":"274877991936","locale":"fr","guild_locale":"en-US","context":0,
         "data":{"id":"1400000000000000001","name":"subscribe","type":1,
           "options":[{"name":"add","type":1,"options":[{"name":"channel","type":7,"value":"1300000000000000009"},{"name":"role","type":8,"value":"1600000000000000001"}]}],
           "resolved":{"channels":{"1300000000000000009":{"id":"1300000000000000009","type":15,"name":"forum"}},"roles":{"1600000000000000001":{"id":"1600000000000000001","name":"Anime"}}}}}
        """;

    [Fact]
    public void Parse_SlashCommandInGuild_ReadsTheTypeAndSnowflakeIds()
    {
        var interaction = Parse(SlashCommand);

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(1_200_000_000_000_000_001UL, interaction.Id.Value);
        Assert.Equal(new Snowflake(1_300_000_000_000_000_001), interaction.GuildId);
    }

    [Fact]
    public void Parse_SlashCommandInGuild_ReadsThePartialChannel()
    {
        var interaction = Parse(SlashCommand);

        Assert.Equal("reviews", interaction.Channel!.Name);
    }

    [Fact]
    public void Parse_SlashCommandInGuild_TakesTheInvokerFromTheMember()
    {
        var interaction = Parse(SlashCommand);

        Assert.Equal("Mika", interaction.Invoker!.GlobalName);
        Assert.Equal(Permissions.UseApplicationCommands, interaction.Member!.Permissions);
    }

    [Fact]
    public void Parse_SlashCommandInGuild_ReadsAppPermissionsLocaleAndContext()
    {
        var interaction = Parse(SlashCommand);

        Assert.True(interaction.AppPermissions!.Value.HasFlag(Permissions.SendMessagesInThreads));
        Assert.Equal("fr", interaction.Locale);
        Assert.Equal(InteractionContextType.Guild, interaction.Context);
    }

    [Fact]
    public void Parse_SlashCommandInGuild_ReadsSubcommandOptionsAndResolvedChannels()
    {
        var interaction = Parse(SlashCommand);

        var sub = Assert.Single(interaction.Data!.Options!);
        Assert.Equal(ApplicationCommandOptionType.SubCommand, sub.Type);
        Assert.Equal("1300000000000000009", sub.Options![0].GetString());
        Assert.Equal(ChannelType.GuildForum, interaction.Data.Resolved!.Channels!["1300000000000000009"].Type);
    }

    [Fact]
    public void Parse_JsonElementFromGatewayDispatch_GivesTheSameInteraction()
    {
        using var document = JsonDocument.Parse($$"""{"op":0,"t":"INTERACTION_CREATE","s":3,"d":{{SlashCommand}} }""");

        var interaction = InteractionJson.Parse(document.RootElement.GetProperty("d"));

        Assert.Equal("subscribe", interaction.Data!.Name);
    }

    [Fact]
    public void Parse_AutocompleteInSubcommand_FindsTheFocusedOption()
    {
        var interaction = InteractionJson.Parse("""
            {"id":"1","application_id":"2","type":4,"token":"t","version":1,"user":{"id":"3","username":"dm-user"},
             "data":{"id":"4","name":"review","type":1,"options":[{"name":"show","type":1,"options":[
               {"name":"episode","type":4,"value":"1"},{"name":"title","type":3,"value":"metal","focused":true}]}]}}
            """u8);

        var focused = interaction.Data!.FocusedOption;

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, interaction.Type);
        Assert.Equal("title", focused!.Name);
        Assert.Equal("metal", focused.GetString());
        Assert.Equal("dm-user", interaction.Invoker!.Username);
        Assert.Null(interaction.Member);
    }

    [Fact]
    public void Parse_ButtonAndSelect_ReadsCustomIdAndValues()
    {
        var interaction = InteractionJson.Parse("""
            {"id":"1","application_id":"2","type":3,"token":"t","version":1,"guild_id":"5",
             "member":{"user":{"id":"3","username":"u"},"roles":[],"permissions":"0"},
             "message":{"id":"9","channel_id":"8","content":"pick one"},
             "data":{"custom_id":"season:select","component_type":3,"values":["s1","s2"]}}
            """u8);

        Assert.Equal("season:select", interaction.Data!.CustomId);
        Assert.Equal(ComponentType.StringSelect, interaction.Data.ComponentType);
        Assert.Equal(["s1", "s2"], interaction.Data.Values!);
        Assert.Equal(new Snowflake(9), interaction.Message!.Id);
    }

    [Theory]
    [InlineData("""{"interaction_metadata":{"id":"10","type":2,"user":{"id":"4","username":"asker"},"authorizing_integration_owners":{"0":"5"}},"interaction":{"id":"10","type":2,"name":"episode","user":{"id":"4","username":"asker"}}}""")]
    [InlineData("""{"interaction":{"id":"10","type":2,"name":"episode","user":{"id":"4","username":"asker"}}}""")]
    public void Parse_ButtonOnAnAnswer_ReadsWhoAskedForTheMessage(string interactionFields)
    {
        var message = """{"id":"9","channel_id":"8",""" + interactionFields[1..];
        var interaction = InteractionJson.Parse(Encoding.UTF8.GetBytes($$$"""
            {"id":"1","application_id":"2","type":3,"token":"t","version":1,"guild_id":"5",
             "member":{"user":{"id":"3","username":"u"},"roles":[],"permissions":"0"},
             "message":{{{message}}},
             "data":{"custom_id":"ep:1:1:2","component_type":2}}
            """));

        Assert.Equal(new Snowflake(4), interaction.Message!.Asker!.Id);
        Assert.Equal(new Snowflake(3), interaction.Invoker!.Id);
    }

    [Fact]
    public void Parse_ButtonOnAMessageNoInteractionMade_HasNoAsker()
    {
        var interaction = InteractionJson.Parse("""
            {"id":"1","application_id":"2","type":3,"token":"t","version":1,"guild_id":"5",
             "member":{"user":{"id":"3","username":"u"},"roles":[],"permissions":"0"},
             "message":{"id":"9","channel_id":"8","content":"announced"},
             "data":{"custom_id":"rate:1","component_type":3,"values":["8"]}}
            """u8);

        Assert.Null(interaction.Message!.Asker);
    }

    [Fact]
    public void Parse_IntegerAndNumberOptions_ReadAsNumbers()
    {
        var interaction = InteractionJson.Parse("""
            {"id":"1","application_id":"2","type":2,"token":"t","data":{"name":"episode","type":1,
             "options":[{"name":"n","type":4,"value":9},{"name":"score","type":10,"value":7.5},{"name":"spoilers","type":5,"value":true}]}}
            """u8);

        var options = interaction.Data!.Options!;

        Assert.Equal(9, options[0].GetInt64());
        Assert.Equal(7.5, options[1].GetDouble());
        Assert.True(options[2].GetBoolean());
    }

    private static Interaction Parse(string json) => InteractionJson.Parse(Encoding.UTF8.GetBytes(json));
}
