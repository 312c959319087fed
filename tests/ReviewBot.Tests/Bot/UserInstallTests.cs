using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>The review commands installed to a person's account and used in DMs; subscriptions stay with servers.</summary>
public sealed class UserInstallTests
{
    [Fact]
    public async Task Start_ReviewCommands_AreRegisteredForBothInstallsAndEveryContext()
    {
        await using var bot = await BotHost.StartAsync();

        var put = Assert.Single(bot.Discord.Requests, r => r.Method == "PUT");
        var commands = put.Body!.Value.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);

        Assert.All(new[] { "review", "episode", "search", "latest", "top" }, name =>
        {
            Assert.Equal([0, 1], Ints(commands[name], "integration_types"));
            Assert.Equal([0, 1, 2], Ints(commands[name], "contexts"));
            Assert.False(commands[name].TryGetProperty("default_member_permissions", out _), $"{name} should be open to everyone");
        });
        Assert.All(new[] { "subscribe", "unsubscribe", "subscriptions" }, name =>
        {
            Assert.Equal([0], Ints(commands[name], "integration_types"));
            Assert.Equal([0], Ints(commands[name], "contexts"));
            Assert.Equal("16", commands[name].GetProperty("default_member_permissions").GetString());
        });
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Review_InTheBotsDmWithUserAndNoMember_IsAnsweredWithTheEmbed()
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashInDmAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.False(reply.IsEphemeral);
        Assert.Equal("Metallic Rouge — Season 1 Review", reply.Embed.GetProperty("title").GetString());
        Assert.Contains($"/interactions/{reply.InteractionId}/", reply.Callback.Path, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Episode_InADmAfterReview_RemembersTheShowOfThatDmOnly()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12));
        await bot.SlashInDmAsync("review", new SlashOption("show", "orbit-gardeners"));
        await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        var reply = await bot.SlashInDmAsync("episode", new SlashOption("number", 9));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.Equal("Orbit Gardeners — Season 1", reply.Embed.GetProperty("author").GetProperty("name").GetString());
        bot.AssertEveryRequestValid();
    }

    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    [InlineData("subscriptions")]
    public async Task SubscriptionCommand_SentFromADm_IsRefusedPolitelyAndOnlyToTheInvoker(string command)
    {
        await using var bot = await BotHost.StartAsync();

        var reply = await bot.SlashInDmAsync(command);

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.True(reply.IsEphemeral);
        Assert.Contains("belong to a server", reply.Content, StringComparison.Ordinal);
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Start_LogsTheUserInstallLinkBesideTheServerInvite()
    {
        var logs = FakeLogCollector.Create(new FakeLogCollectorOptions());
        await using var bot = await BotHost.StartAsync(new BotHostOptions
        {
            ConfigureServices = s => s.AddLogging(b => b.AddProvider(new FakeLoggerProvider(logs))),
        });

        var line = Assert.Single(logs.GetSnapshot(), r => r.Level == LogLevel.Information && r.Message.StartsWith("Add it to your own account with ", StringComparison.Ordinal));

        Assert.EndsWith(
            $"https://discord.com/oauth2/authorize?client_id={bot.Discord.Options.ApplicationId}&integration_type=1&scope=applications.commands",
            line.Message,
            StringComparison.Ordinal);
    }

    private static int[] Ints(JsonElement command, string property) =>
        command.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();
}
