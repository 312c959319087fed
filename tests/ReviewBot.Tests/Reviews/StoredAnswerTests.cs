using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ReviewBot.Interactions;
using ReviewBot.Reviews;
using ReviewBot.Reviews.Stored;
using ReviewBot.Tests.Bot;
using ReviewBot.Tests.Infrastructure;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Reviews;

/// <summary>
/// Answers rendered when a review is stored: a first /review or /episode is read, not built, and is
/// exactly the answer a build would send; a stored answer of another version, score or format is never sent.
/// </summary>
public sealed class StoredAnswerTests
{
    [Fact]
    public async Task Import_StoresTheReviewWithItsChartAndEveryEpisode_InThisBuildsFormat()
    {
        await using var bot = await BotHost.StartAsync();

        var rows = await RowsAsync(bot);

        var format = await bot.Services.GetRequiredService<AnswerFormat>().GetAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 14), rows.Select(r => r.Episode));
        Assert.All(rows, r => Assert.Equal(format, r.Format));
        Assert.Equal([true, .. Enumerable.Repeat(false, 13)], rows.Select(r => r.WithChart));
    }

    [Fact]
    public async Task Review_FirstAsk_IsTheStoredAnswer_NotOneBuiltNow()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;
        using var answers = new MetricCollector<long>(bot.Services.GetRequiredService<IMeterFactory>(), InteractionMetrics.MeterName, AnswerCache.AnswersInstrument);
        // Marked where it is stored: only a reply read from there can show the mark.
        await ExecuteAsync(bot, "UPDATE review_answers SET message = CAST(replace(CAST(message AS TEXT), 'Season 1 Review', 'Season 1 Review, as stored') AS BLOB) WHERE episode = 0");

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal("Metallic Rouge — Season 1 Review, as stored", reply.Embed.GetProperty("title").GetString());
        Assert.Equal("chart.png", Assert.Single(reply.Callback.Files).FileName);
        Assert.Equal(["stored"], answers.GetMeasurementSnapshot().Select(m => (string?)m.Tags["from"]));
        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task StoredAnswers_AreByteForByteTheAnswersABuildSends()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;

        var stored = await AskEverythingAsync(bot);
        await ExecuteAsync(bot, "DELETE FROM review_answers");
        var built = await AskEverythingAsync(bot);

        Assert.Equal(built.Count, stored.Count);
        for (var i = 0; i < built.Count; i++)
        {
            Assert.Equal(built[i].Json, stored[i].Json);
            Assert.Equal(built[i].Files, stored[i].Files);
        }

        bot.AssertEveryRequestValid();
    }

    [Fact]
    public async Task Rate_StoresTheReviewAnswerAgainAtTheNewScore_SoTheNextFirstAskReadsIt()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;
        var before = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        await bot.SelectOnAsync(before.Data, before.CustomIds.Single(id => id.StartsWith("rate:", StringComparison.Ordinal)), "9");
        await Eventually.WaitUntilAsync(async () => await ScalarAsync(bot, "SELECT ratings FROM review_answers WHERE episode = 0") is 1L, BotHost.Timeout);
        using var answers = new MetricCollector<long>(bot.Services.GetRequiredService<IMeterFactory>(), InteractionMetrics.MeterName, AnswerCache.AnswersInstrument);

        var after = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.Equal(["stored"], answers.GetMeasurementSnapshot().Select(m => (string?)m.Tags["from"]));
        Assert.Contains("9", after.Field("Community"), StringComparison.Ordinal);
        Assert.Equal(9L, await ScalarAsync(bot, "SELECT rating_sum FROM review_answers WHERE episode = 0"));
    }

    [Theory]
    [InlineData("UPDATE review_answers SET format = 'another build'")]
    [InlineData("UPDATE review_answers SET content_hash = 'another version'")]
    [InlineData("UPDATE review_answers SET ratings = 3, rating_sum = 21")]
    [InlineData("UPDATE review_charts SET drawn_from = 'another version'")]
    public async Task StoredAnswer_OfAnythingElseThanWhatIsAsked_IsNotSent(string change)
    {
        // Without the sources duty no backfill runs: its pass at start could otherwise come after the
        // change below, store the answer or draw the chart again, and leave nothing stale to refuse.
        var options = new BotHostOptions();
        options.Settings["Duties"] = "gateway, delivery";
        await using var bot = await BotHost.StartAsync(options);
        bot.AppPermissions = BotHost.WithAttachFiles;
        await ExecuteAsync(bot, "UPDATE review_answers SET message = CAST(replace(CAST(message AS TEXT), 'Metallic Rouge', 'Stale Rouge') AS BLOB)");
        await ExecuteAsync(bot, change);
        using var answers = new MetricCollector<long>(bot.Services.GetRequiredService<IMeterFactory>(), InteractionMetrics.MeterName, AnswerCache.AnswersInstrument);

        var review = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.StartsWith("Metallic Rouge", review.Embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(["built"], answers.GetMeasurementSnapshot().Select(m => (string?)m.Tags["from"]));
    }

    /// <summary>A stored answer is a shortcut: when the store cannot be read, the member still gets the answer, built.</summary>
    [Fact]
    public async Task Review_WhenStoredAnswersCannotBeRead_IsBuilt()
    {
        await using var bot = await BotHost.StartAsync();
        bot.AppPermissions = BotHost.WithAttachFiles;
        await ExecuteAsync(bot, "ALTER TABLE review_answers RENAME TO review_answers_elsewhere");
        using var answers = new MetricCollector<long>(bot.Services.GetRequiredService<IMeterFactory>(), InteractionMetrics.MeterName, AnswerCache.AnswersInstrument);

        var reply = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));

        Assert.False(reply.IsEphemeral);
        Assert.Equal("Metallic Rouge — Season 1 Review", reply.Embed.GetProperty("title").GetString());
        Assert.Equal("chart.png", Assert.Single(reply.Callback.Files).FileName);
        Assert.Equal(["built"], answers.GetMeasurementSnapshot().Select(m => (string?)m.Tags["from"]));
    }

    [Fact]
    public async Task Backfill_StoresTheAnswersOfReviewsWithoutThem_OrOfAnotherFormat()
    {
        // Without the sources duty the bot runs no backfill of its own beside this test's pass.
        var options = new BotHostOptions();
        options.Settings["Duties"] = "gateway, delivery";
        await using var bot = await BotHost.StartAsync(options);
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, headline: "Slow but kind"), key: "orbit");
        await ExecuteAsync(bot, "DELETE FROM review_answers WHERE review_id = (SELECT MIN(id) FROM reviews)");
        await ExecuteAsync(bot, "UPDATE review_answers SET format = 'another build'");

        var stored = await bot.Services.GetRequiredService<StoredAnswerBackfill>().RunPassAsync(CancellationToken.None);

        Assert.Equal(2, stored);
        var format = await bot.Services.GetRequiredService<AnswerFormat>().GetAsync(CancellationToken.None);
        Assert.All(await RowsAsync(bot), r => Assert.Equal(format, r.Format));
        Assert.Equal(0, await bot.Services.GetRequiredService<StoredAnswerBackfill>().RunPassAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Edit_ReplacesTheStoredAnswers_WithThoseOfTheNewVersion()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 12, headline: "Slow but kind"), key: "orbit");
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 1, 10, headline: "Shorter now"), key: "orbit");

        var episode = await bot.SlashAsync("episode", new SlashOption("number", 4), new SlashOption("show", "orbit-gardeners"));
        var gone = await bot.SlashAsync("episode", new SlashOption("number", 12), new SlashOption("show", "orbit-gardeners"));

        var rows = (await RowsAsync(bot)).Where(r => r.ReviewId != 1).ToList();
        Assert.Equal(Enumerable.Range(0, 11), rows.Select(r => r.Episode));
        Assert.Contains("Shorter now", episode.Embed.GetRawText(), StringComparison.Ordinal);
        Assert.True(gone.IsEphemeral);
    }

    /// <summary>
    /// An /episode built after its lookup read the version of the show's latest season, when a newer
    /// season was stored in between: the answer (about the newer season) is right for that question,
    /// but must not be kept under the older season's version, where an explicit question about the
    /// older season would find it.
    /// </summary>
    [Fact]
    public async Task Episode_BuiltFromANewerSeasonThanItsLookupRead_IsNotKeptUnderTheOlderSeason()
    {
        await using var bot = await BotHost.StartAsync();
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 2, 6, headline: "Season two"), key: "orbit-2");
        await ExecuteAsync(bot, "DELETE FROM review_answers");
        var query = bot.Services.GetRequiredService<ReviewBot.Core.Answers.EpisodeQuery>();
        var replies = bot.Services.GetRequiredService<EpisodeReplies>();
        var (_, _, payload) = bot.InteractionPayload(
            ReviewBot.Discord.Interactions.InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("episode", new SlashOption("number", 3)));
        var context = new InteractionContext(ReviewBot.Discord.Interactions.InteractionJson.Parse(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString())));
        var latest = new ReviewBot.Core.Answers.EpisodeRequest(3, "orbit-gardeners", null, "test");

        // Read while season 2 is the latest; season 3 is stored before the answer is built, twice (kept from its second ask).
        var lookups = new[]
        {
            await query.LookupAsync(latest, CancellationToken.None),
            await query.LookupAsync(latest, CancellationToken.None),
        };
        await bot.ImportAsync(TestReviews.Plain("Orbit Gardeners", 3, 6, headline: "Season three"), key: "orbit-3");
        await ExecuteAsync(bot, "DELETE FROM review_answers");
        foreach (var lookup in lookups)
        {
            Assert.Equal(2, (await ScalarAsync(bot, $"SELECT season FROM reviews WHERE id = {lookup.Version!.ReviewId}")) is long season ? (int)season : 0);
            await replies.ReplyAsync(lookup, ReplyKind.NewMessage, context, CancellationToken.None);
        }

        var seasonTwo = await bot.SlashAsync("episode", new SlashOption("number", 3), new SlashOption("show", "orbit-gardeners"), new SlashOption("season", 2));

        Assert.Equal("Orbit Gardeners — Season 2", seasonTwo.Embed.GetProperty("author").GetProperty("name").GetString());
        Assert.Contains("Season two", seasonTwo.Embed.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>/review and every /episode of the sample, each asked once: its payload JSON and its files' bytes.</summary>
    private static async Task<List<(string Json, string Files)>> AskEverythingAsync(BotHost bot)
    {
        var asked = new List<(string, string)>();
        var review = await bot.SlashAsync("review", new SlashOption("show", "metallic-rouge"));
        asked.Add(Sent(review));
        for (var number = 1; number <= 13; number++)
        {
            asked.Add(Sent(await bot.SlashAsync("episode", new SlashOption("number", number), new SlashOption("show", "metallic-rouge"))));
        }

        return asked;
    }

    private static (string Json, string Files) Sent(InteractionExchange exchange) =>
        (exchange.Callback.Body!.Value.GetRawText(), string.Join(",", exchange.Callback.Files.Select(f => f.FileName + ":" + Convert.ToHexString(f.Content))));

    private static async Task<object?> ScalarAsync(BotHost bot, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task ExecuteAsync(BotHost bot, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<(long ReviewId, int Episode, string Format, bool WithChart)>> RowsAsync(BotHost bot)
    {
        await using var connection = new SqliteConnection($"Data Source={bot.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT review_id, episode, format, with_chart FROM review_answers ORDER BY review_id, episode";
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(long, int, string, bool)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt64(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt64(3) != 0));
        }

        return rows;
    }
}
