using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Bot;

/// <summary>The bot as started once without a dev guild, and the one registration request it sent.</summary>
public sealed class GlobalRegistrationFixture : IAsyncLifetime
{
    private BotHost? _bot;

    public BotHost Bot => _bot!;

    /// <summary>The registered commands by name.</summary>
    public IReadOnlyDictionary<string, JsonElement> Commands { get; private set; } = new Dictionary<string, JsonElement>();

    public async Task InitializeAsync()
    {
        _bot = await BotHost.StartAsync();
        var put = _bot.Discord.Requests.First(r => r.Method == "PUT");
        Commands = put.Body!.Value.EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!);
    }

    public async Task DisposeAsync()
    {
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
        }
    }
}

public sealed class CommandRegistrationTests(GlobalRegistrationFixture registered) : IClassFixture<GlobalRegistrationFixture>
{
    [Fact]
    public void Start_WithoutDevGuild_RegistersAllCommandsGloballyOnce()
    {
        var put = Assert.Single(registered.Bot.Discord.Requests, r => r.Method == "PUT");

        Assert.Equal("PUT /applications/{application_id}/commands", put.Route);
        Assert.Equal(["episode", "latest", "review", "search", "subscribe", "subscriptions", "top", "unsubscribe"], registered.Commands.Keys.Order());
        Assert.All(registered.Commands.Values, c => Assert.InRange(c.GetProperty("description").GetString()!.Length, 1, 100));
        registered.Bot.AssertEveryRequestValid();
    }

    [Fact]
    public void Review_IsRegisteredWithARequiredAutocompletedShowThenSeason()
    {
        var review = Options(registered.Commands["review"]);

        Assert.Equal(["show", "season"], review.Select(o => o.GetProperty("name").GetString()));
        Assert.True(review[0].GetProperty("autocomplete").GetBoolean());
        Assert.True(review[0].GetProperty("required").GetBoolean());
    }

    [Fact]
    public void Episode_IsRegisteredWithANumberFromOneThenAnAutocompletedShowAndSeason()
    {
        var episode = Options(registered.Commands["episode"]);

        Assert.Equal(["number", "show", "season"], episode.Select(o => o.GetProperty("name").GetString()));
        Assert.Equal((int)ApplicationCommandOptionType.Integer, episode[0].GetProperty("type").GetInt32());
        Assert.Equal(1, episode[0].GetProperty("min_value").GetDouble());
        Assert.True(episode[1].GetProperty("autocomplete").GetBoolean());
    }

    [Fact]
    public void Latest_IsRegisteredWithACountOfAtMostTen()
    {
        Assert.Equal(10, Options(registered.Commands["latest"])[0].GetProperty("max_value").GetDouble());
    }

    /// <summary>Admin commands default to Manage Channels; the bot checks it again itself.</summary>
    [Theory]
    [InlineData("subscribe")]
    [InlineData("unsubscribe")]
    [InlineData("subscriptions")]
    public void AdminCommands_AreRegisteredForManageChannelsByDefault(string name)
    {
        var permissions = ulong.Parse(registered.Commands[name].GetProperty("default_member_permissions").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((ulong)Permissions.ManageChannels, permissions);
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

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, reply.Type);
        Assert.Single(bot.Discord.Requests, r => r.Method == "PUT");
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public void Start_EveryCommandAndOption_FollowsDiscordsNamingRulesWithDescriptionsForPeople()
    {
        var checkedNames = 0;
        foreach (var command in registered.Commands.Values)
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
