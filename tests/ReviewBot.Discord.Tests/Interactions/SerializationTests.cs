using System.Text.Json;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Tests.Interactions;

/// <summary>Golden JSON for the shapes Discord is strict about.</summary>
public sealed class SerializationTests
{
    [Fact]
    public void MessageRequest_Empty_SerializesToParseNothing()
    {
        var json = JsonSerializer.Serialize(new MessageRequest(), DiscordJsonContext.Default.MessageRequest);

        Assert.Equal("""{"allowed_mentions":{"parse":[]}}""", json);
    }

    [Fact]
    public void ApplicationCommandDefinition_WithPermissionsAndOptions_UsesDiscordNamesAndAStringBitfield()
    {
        IReadOnlyList<ApplicationCommandDefinition> commands =
        [
            new()
            {
                Name = "episode",
                Description = "Show the review of an episode",
                DefaultMemberPermissions = Permissions.None,
                Contexts = [InteractionContextType.Guild],
                Options = [new() { Type = ApplicationCommandOptionType.Integer, Name = "n", Description = "Episode number", Required = true, MinValue = 1 }],
            },
        ];

        var json = JsonSerializer.Serialize(commands, DiscordJsonContext.Default.IReadOnlyListApplicationCommandDefinition);

        Assert.Equal(
            """[{"name":"episode","type":1,"description":"Show the review of an episode","options":[{"type":4,"name":"n","description":"Episode number","required":true,"min_value":1}],"default_member_permissions":"0","contexts":[0]}]""",
            json);
    }

    [Fact]
    public void Responses_WithoutTheirListsAndTexts_ReadThemAsEmptyNotNull()
    {
        // The generated reader sets a left-out init-only property to null over its initializer; the
        // properties declared non-null must still be empty, not null, for whoever reads them.
        var context = DiscordJsonContext.Default;

        var message = JsonSerializer.Deserialize("""{"id":"1","channel_id":"2"}""", context.Message)!;
        var user = JsonSerializer.Deserialize("""{"id":"1"}""", context.User)!;
        var application = JsonSerializer.Deserialize("""{"id":"1"}""", context.Application)!;

        Assert.Equal(("", 0, 0), (message.Content, message.Embeds.Count, message.Components.Count));
        Assert.Equal("", user.Username);
        Assert.Equal("", application.Name);
        Assert.Empty(JsonSerializer.Deserialize("{}", context.ActiveThreadsResponse)!.Threads);
        Assert.Empty(JsonSerializer.Deserialize("{}", context.ArchivedThreadsResponse)!.Threads);
        Assert.Equal("", Assert.Single(JsonSerializer.Deserialize("""[{"id":"1"}]""", context.IReadOnlyListApplicationCommand)!).Name);
        var resolved = JsonSerializer.Deserialize("""{"members":{"3":{"nick":"n"}}}""", context.InteractionResolvedData)!;
        Assert.Empty(resolved.Members!["3"].Roles);
    }

    [Fact]
    public void Snowflake_InARequest_IsWrittenAsAString()
    {
        var json = JsonSerializer.Serialize(new MessageRequest { AllowedMentions = AllowedMentions.ForRoles(new Snowflake(1_600_000_000_000_000_001)) }, DiscordJsonContext.Default.MessageRequest);

        Assert.Contains("\"roles\":[\"1600000000000000001\"]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Permissions_AsNumberOrString_AreBothRead()
    {
        var member = JsonSerializer.Deserialize("""{"roles":[],"permissions":8}""", DiscordJsonContext.Default.GuildMember);

        Assert.Equal(Permissions.Administrator, member!.Permissions);
    }
}
