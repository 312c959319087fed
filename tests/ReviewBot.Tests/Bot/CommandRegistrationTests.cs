using System.Text.Json;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

public sealed class CommandRegistrationTests
{
    [Fact]
    public async Task Start_WithoutDevGuild_RegistersAllCommandsGloballyOnce()
    {
        await using var bot = await BotHost.StartAsync();

        var puts = bot.Discord.Requests.Where(r => r.Method == "PUT").ToList();

        var put = Assert.Single(puts);
        Assert.Equal("PUT /applications/{application_id}/commands", put.Route);
        var commands = put.Body!.Value.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
        Assert.Equal(["episode", "latest", "review", "search", "subscribe", "subscriptions", "unsubscribe"], commands.Keys.Order());
        Assert.All(commands.Values, c => Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 100));

        var review = Options(commands["review"]);
        Assert.Equal(["show", "season"], review.Select(o => o.GetProperty("name").GetString()));
        Assert.True(review[0].GetProperty("autocomplete").GetBoolean());
        Assert.True(review[0].GetProperty("required").GetBoolean());

        var episode = Options(commands["episode"]);
        Assert.Equal(["number", "show", "season"], episode.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal(4, episode[0].GetProperty("type").GetInt32());
        Assert.Equal(1, episode[0].GetProperty("min_value").GetDouble());
        Assert.True(episode[1].GetProperty("autocomplete").GetBoolean());

        var latest = Options(commands["latest"]);
        Assert.Equal(10, latest[0].GetProperty("max_value").GetDouble());

        // Admin commands: Manage Channels (1 << 4) by default; the server checks it again.
        Assert.All(new[] { "subscribe", "unsubscribe", "subscriptions" }, name =>
        {
            Assert.Equal("16", commands[name].GetProperty("default_member_permissions").GetString());
        });
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Start_WithDevGuild_RegistersInThatGuildOnly()
    {
        var options = new BotHostOptions();
        options.Settings["Discord:DevGuildId"] = "1300000000000000099";
        await using var bot = await BotHost.StartAsync(options);

        var put = Assert.Single(bot.Discord.Requests, r => r.Method == "PUT");

        Assert.Equal("PUT /applications/{application_id}/guilds/{guild_id}/commands", put.Route);
        Assert.Contains("/guilds/1300000000000000099/commands", put.Path, StringComparison.Ordinal);
        Assert.Equal(7, put.Body!.Value.GetArrayLength());
        bot.AssertEveryRequestValid();
    }

    private static List<JsonElement> Options(JsonElement command) => command.GetProperty("options").EnumerateArray().ToList();
}
