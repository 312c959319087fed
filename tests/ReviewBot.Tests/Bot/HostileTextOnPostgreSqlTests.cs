using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.ShowSearch;
using ReviewBot.Discord.Models;
using ReviewBot.TestSupport;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Bot;

/// <summary>
/// What members type reaches PostgreSQL only as parameters, and PostgreSQL refuses a NUL in text
/// (22021, invalid byte sequence): typed text with control characters must never be sent as it is.
/// </summary>
public sealed class HostileTextOnPostgreSqlTests
{
    [Fact]
    public async Task ControlCharactersInTypedText_AreAnsweredOnPostgreSql_NotAFailure()
    {
        await using var scratch = await (await PostgresCluster.GetAsync()).CreateScratchDatabaseAsync();
        var database = scratch.ConnectionString;
        var options = new BotHostOptions();
        options.Settings["ConnectionStrings:Reviews"] = database;
        await using var bot = await BotHost.StartAsync(options);

        var search = await bot.SlashAsync("search", new SlashOption("query", "immortal\u0000nine"));

        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, search.Type);
        Assert.False(search.IsEphemeral, search.Content);
        Assert.Equal("Metallic Rouge — Season 1 · 6/10", search.Embed.GetProperty("fields")[0].GetProperty("name").GetString());

        // The exact lookup that answers before the show index is built (a process answering over
        // HTTP builds it on first use): a name with a NUL is no exact name, and the index decides.
        var exact = await bot.Services.GetRequiredService<ExactShowLookup>().FindAsync(new ShowQuery("metallic-rouge\u0000"), CancellationToken.None);

        Assert.Null(exact);
        bot.AssertEveryRequestValid();
    }
}
