using System.Text.Json;
using FakeDiscord;
using ReviewBot.NativeTests.Hardening;
using ReviewBot.TestSupport;

namespace ReviewBot.NativeTests;

/// <summary>
/// The native bot (<c>run</c>) against FakeDiscord on 127.0.0.1, on SQLite and on PostgreSQL: it
/// registers its commands, answers <c>/review</c> with the embed and the chart, and delivers the
/// announcement of a review that an <c>import</c> run (the same executable) stores while it runs.
/// </summary>
[Collection(NativeCollection.Name)]
public sealed class BotSmokeTests(NativeExecutable executable)
{
    private const string CreateMessage = "POST /channels/{channel_id}/messages";
    private const ulong AnnouncementChannel = 1_310_000_000_000_000_001;

    [Fact]
    public async Task Run_OnSqlite_AnswersReviewAndDeliversAnAnnouncement()
    {
        using var folder = new WorkFolder();
        await RunAsync(folder, folder.SqliteConnectionString);
    }

    [Fact]
    public async Task Run_OnPostgreSql_AnswersReviewAndDeliversAnAnnouncement()
    {
        using var folder = new WorkFolder();
        var cluster = await PostgresCluster.GetAsync();
        var database = await cluster.CreateDatabaseAsync();
        try
        {
            await RunAsync(folder, database);
        }
        finally
        {
            await cluster.DropDatabaseAsync(database);
        }
    }

    /// <summary>
    /// The same, with the bot started under the memory and system-call restrictions of the service
    /// unit (no writable and executable memory, none of @resources), as systemd starts it.
    /// </summary>
    [Fact]
    public async Task Run_UnderTheServiceUnitsRestrictions_AnswersReviewAndDeliversAnAnnouncement()
    {
        using var restrictions = await UnitRestrictions.BuildAsync();
        using var folder = new WorkFolder();
        await RunAsync(folder, folder.SqliteConnectionString, restrictions.Launcher);
    }

    private async Task RunAsync(WorkFolder folder, string connectionString, string? launcher = null)
    {
        // The database as an operator prepares it: migrated, the back catalogue imported without
        // announcements, then a channel subscribed.
        var settings = folder.Settings(connectionString);
        var migrated = await executable.RunAsync(folder.Path, settings, "migrate");
        Assert.True(migrated.ExitCode == 0, migrated.ToString());
        var catalogue = await executable.RunAsync(folder.Path, settings, "import", Path.Combine(executable.Folder, "samples"), "--no-announce");
        Assert.True(catalogue.ExitCode == 0, catalogue.ToString());
        await NativeBot.SubscribeAsync(connectionString, AnnouncementChannel);

        await using var discord = await FakeDiscordServer.StartAsync(new FakeDiscordOptions());
        await using var bot = NativeBot.Start(executable, folder, discord, connectionString, launcher: launcher);
        await bot.WaitForLineAsync("Shard 0: READY");
        await discord.WaitForRequestsAsync(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal) && r.Status == 200, 1, NativeBot.Wait);

        // /review on the gateway: the callback carries the embed and the chart.
        var (id, payload) = NativeBot.SlashCommand(discord, "review", "show", "metallic-rouge");
        await discord.DispatchAsync("INTERACTION_CREATE", payload);
        var callback = (await discord.WaitForRequestsAsync(
            r => r.Method == "POST" && r.Path.Contains($"/interactions/{id}/", StringComparison.Ordinal) && r.Path.EndsWith("/callback", StringComparison.Ordinal),
            1,
            NativeBot.Wait))[0];
        Assert.True(callback.Status is >= 200 and < 300, $"callback answered {callback.Status}. Bot output:\n{bot.Process.Output}");
        var embed = callback.Body!.Value.GetProperty("data").GetProperty("embeds")[0];
        Assert.Contains("Metallic Rouge", embed.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal("attachment://chart.png", embed.GetProperty("image").GetProperty("url").GetString());
        var chart = Assert.Single(callback.Files);
        Assert.Equal("image/png", chart.ContentType);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, chart.Content[..4]);

        // A review imported by another process while the bot runs is announced in the subscribed channel.
        var review = folder.Write("frieren.md", CliSmokeTests.FrierenReview);
        var imported = await executable.RunAsync(folder.Path, settings, "import", review);
        Assert.True(imported.ExitCode == 0, imported.ToString());
        var post = (await discord.WaitForRequestsAsync(
            r => r.Route == CreateMessage && r.Path == $"/channels/{AnnouncementChannel}/messages" && r.Status == 200, 1, NativeBot.Wait))[0];
        Assert.Contains("Frieren", post.BodyText, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(post.Body!.Value.GetProperty("nonce").GetString()));

        Assert.Empty(discord.SchemaViolations);
        await bot.StopAsync();
        Assert.DoesNotContain(discord.Options.Token, bot.Process.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", bot.Process.Output, StringComparison.Ordinal);
    }
}
