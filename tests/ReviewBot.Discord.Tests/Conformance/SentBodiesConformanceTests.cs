using System.Text.Json;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Tests.Rest;

namespace ReviewBot.Discord.Tests.Conformance;

/// <summary>
/// Every kind of body the client sends, at its richest, validated by FakeDiscord against
/// openapi.json (the harness fails the test on any violation), and every message body checked
/// for allowed_mentions {"parse":[]}.
/// </summary>
public sealed class SentBodiesConformanceTests
{
    private static readonly Snowflake Channel = new(1_300_000_000_000_000_030);

    private static MessageRequest Rich(string text) =>
        new MessageBuilder()
            .WithContent(text + " " + new string('w', 2500))
            .AddEmbed(LongEmbed("first"))
            .AddEmbed(LongEmbed("second"))
            .AddEmbed(LongEmbed("third"))
            .AddRow(new ActionRowBuilder().Add(Buttons.Primary("review:1", "Review")).Add(Buttons.Danger("unsubscribe:1", "Stop")).Add(Buttons.Link("https://example.org/reviews/1", "Read")).Build())
            .AddRow(new StringSelectBuilder("season").WithPlaceholder("Season").AddOption("Season 1", "s1", "The first").AddOption("Season 2", "s2").WithValueCount(1, 1).BuildRow())
            .Build();

    private static EmbedBuilder LongEmbed(string name)
    {
        var builder = new EmbedBuilder()
            .WithTitle(name + " " + new string('t', 400))
            .WithDescription(string.Concat(Enumerable.Repeat("A long review paragraph. ", 300)))
            .WithUrl("https://example.org/reviews/1")
            .WithColor(0x5865F2)
            .WithTimestamp(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero))
            .WithFooter("ReviewBot " + new string('f', 3000), "https://example.org/icon.png")
            .WithAuthor("Reviewer", "https://example.org/me")
            .WithThumbnail("https://example.org/thumb.png")
            .WithImage("https://example.org/image.png");
        for (var i = 0; i < 30; i++)
        {
            builder.AddField($"Episode {i + 1}", string.Concat(Enumerable.Repeat("Good episode. ", 100)), inline: i % 2 == 0);
        }

        return builder;
    }

    [Fact]
    public async Task EveryCall_WithRichBodies_MatchesTheSchemaAndPingsNobody()
    {
        await using var h = await RestHarness.StartAsync();
        var interaction = h.Interaction();

        await h.Client.BulkOverwriteGlobalCommandsAsync(SampleCommands.All);
        await h.Client.BulkOverwriteGuildCommandsAsync(new Snowflake(1_300_000_000_000_000_001), SampleCommands.All);
        await h.Client.RespondAsync(interaction, Rich("reply"));
        await h.Client.UpdateMessageAsync(h.Interaction(2), Rich("update"));
        await h.Client.DeferAsync(h.Interaction(3), ephemeral: true);
        await h.Client.DeferUpdateAsync(h.Interaction(4));
        await h.Client.RespondWithAutocompleteAsync(h.Interaction(5), AutocompleteChoices.FromStrings(Enumerable.Range(0, 40).Select(i => (new string('n', 120), $"show-{i}"))));
        await h.Client.RespondWithAutocompleteAsync(h.Interaction(6), AutocompleteChoices.FromIntegers([("Episode 1", 1), ("Episode 2", 2)]));
        await h.Client.EditOriginalResponseAsync(interaction, Rich("edit original"));
        await h.Client.CreateFollowupMessageAsync(interaction, Rich("follow-up"));
        var created = await h.Client.CreateMessageAsync(Channel, Rich("channel") with { Nonce = "review-1-channel-30", EnforceNonce = true });
        await h.Client.EditMessageAsync(Channel, created.Id, Rich("edited"));
        await h.Client.CreateForumThreadAsync(Channel, new ForumThreadRequest { Name = new string('n', 100), Message = Rich("forum"), AutoArchiveDuration = 10080 });

        Assert.Empty(h.Server.SchemaViolations);
        Assert.All(h.Server.Requests, r => Assert.InRange(r.Status, 200, 204));
        var messageBodies = h.Server.Requests.Select(r => MessageBody(r.Body)).OfType<JsonElement>().ToList();
        Assert.Equal(8, messageBodies.Count);
        Assert.All(messageBodies, body =>
        {
            var mentions = body.GetProperty("allowed_mentions");
            Assert.Equal(JsonValueKind.Array, mentions.GetProperty("parse").ValueKind);
            Assert.Equal(0, mentions.GetProperty("parse").GetArrayLength());
        });
    }

    [Fact]
    public async Task CreateMessageAsync_AnnouncementPingingItsRole_SendsOnlyThatRole()
    {
        await using var h = await RestHarness.StartAsync();
        var role = new Snowflake(1_600_000_000_000_000_001);

        await h.Client.CreateMessageAsync(Channel, new MessageBuilder().WithContent($"<@&{role}> new review").AllowRoleMention(role).Build());

        var mentions = h.Server.Requests.Single().Body!.Value.GetProperty("allowed_mentions");
        Assert.Equal("""{"parse":[],"roles":["1600000000000000001"]}""", mentions.GetRawText());
    }

    /// <summary>The message inside a body: the body itself, a callback's data, or a forum post's starter message.</summary>
    private static JsonElement? MessageBody(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } root)
        {
            return null;
        }

        if (root.TryGetProperty("data", out var data) && !data.TryGetProperty("choices", out _))
        {
            return data;
        }

        if (root.TryGetProperty("message", out var message))
        {
            return message;
        }

        return root.TryGetProperty("content", out _) ? root : null;
    }
}
