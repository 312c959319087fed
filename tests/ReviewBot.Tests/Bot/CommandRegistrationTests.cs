using System.Text.Json;
using System.Text.RegularExpressions;
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
        Assert.Equal(["episode", "latest", "review", "search", "subscribe", "subscriptions", "top", "unsubscribe"], commands.Keys.Order());
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
        Assert.Equal(8, put.Body!.Value.GetArrayLength());
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Reconnect_AfterStart_DoesNotRegisterAgain()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.Discord.WaitForDispatchSentAsync("READY", timeout: BotHost.Timeout);

        // op 7: the bot reconnects and resumes; commands belong to the application, not the session.
        await bot.Discord.SendReconnectAsync();
        await bot.Discord.WaitForResumeAsync(timeout: BotHost.Timeout);
        var reply = await bot.SlashAsync("latest");

        Assert.Equal(4, reply.Type);
        Assert.Single(bot.Discord.Requests, r => r.Method == "PUT");
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Start_EveryCommandAndOption_FollowsDiscordsNamingRulesWithDescriptionsForPeople()
    {
        await using var bot = await BotHost.StartAsync();

        var put = Assert.Single(bot.Discord.Requests, r => r.Method == "PUT");

        var checkedNames = 0;
        foreach (var command in put.Body!.Value.EnumerateArray())
        {
            checkedNames += CheckNamesAndDescriptions(command, command.GetProperty("name").GetString()!);
        }

        Assert.True(checkedNames > 7, $"only {checkedNames} names were checked");
    }

    /// <summary>Discord's rules for CHAT_INPUT names (lowercase, ^[-_\p{L}\p{N}]{1,32}$) and descriptions (1-100), recursively.</summary>
    private static int CheckNamesAndDescriptions(JsonElement node, string path)
    {
        var name = node.GetProperty("name").GetString()!;
        Assert.Matches(new Regex(@"^[-_\p{L}\p{N}]{1,32}$"), name);
        Assert.Equal(name.ToLowerInvariant(), name);
        var description = node.GetProperty("description").GetString()!;
        Assert.True(description.Length is >= 1 and <= 100, $"{path}: description is {description.Length} characters");
        Assert.True(char.IsUpper(description[0]), $"{path}: \"{description}\" should read as a sentence");
        var count = 1;
        if (node.TryGetProperty("options", out var options))
        {
            foreach (var option in options.EnumerateArray())
            {
                count += CheckNamesAndDescriptions(option, path + " " + option.GetProperty("name").GetString());
            }
        }

        return count;
    }

    private static List<JsonElement> Options(JsonElement command) => command.GetProperty("options").EnumerateArray().ToList();
}
