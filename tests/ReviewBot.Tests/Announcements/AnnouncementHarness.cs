using System.Globalization;
using FakeDiscord.Rest;
using FakeDiscord;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using ReviewBot.Core.Import;
using ReviewBot.Core.Storage;
using ReviewBot.Core.Subscriptions;
using ReviewBot.Core;
using ReviewBot.Discord.Rest;
using ReviewBot.Discord;
using ReviewBot.Subscriptions;
using ReviewBot.Subscriptions.Delivery;

namespace ReviewBot.Tests.Announcements;

/// <summary>
/// A loopback FakeDiscord, a real SQLite file, and the announcement services wired as the bot wires
/// them (AddReviewBotCore + AddDiscordRest + AddAnnouncements). <see cref="StartBotAsync"/> builds a
/// fresh container on the same database and Discord: a restarted bot, for crash tests. Disposing
/// asserts every body was schema-valid and no 429 was needed.
/// </summary>
internal sealed class AnnouncementHarness : IAsyncDisposable
{
    public const ulong Guild = 1_300_000_000_000_000_001;

    private static long _nextChannel = 1_310_000_000_000_000_000;
    private readonly List<ServiceProvider> _providers = [];

    private AnnouncementHarness(FakeDiscordServer server, string folder, string? connectionString)
    {
        Server = server;
        Folder = folder;
        ConnectionString = connectionString ?? $"Data Source={Path.Combine(Folder, "reviews.db")}";
        Bot = Build();
    }

    public FakeDiscordServer Server { get; }

    public string Folder { get; }

    /// <summary>A SQLite file in <see cref="Folder"/>, unless the test passed another database (PostgreSQL).</summary>
    public string ConnectionString { get; }

    /// <summary>The current bot's services.</summary>
    public ServiceProvider Bot { get; private set; }

    public DeliveryBackoff Backoff { get; set; } = new() { FirstDelay = TimeSpan.FromMilliseconds(20), MaxDelay = TimeSpan.FromMilliseconds(100) };

    public bool ExpectRateLimits { get; set; }

    /// <summary>
    /// When set, the clock of the subscription and pause-notice stores, the pause notifier and the system channels it knows in
    /// the containers built from then on (<see cref="Restart"/>), so a test can let claims and remembered
    /// failures expire. The REST client keeps the real clock: its
    /// retries and rate-limit windows would wait forever on a clock nobody advances.
    /// </summary>
    public FakeTimeProvider? SubscriptionClock { get; set; }

    /// <summary>One REST attempt's time limit in the next container built (<see cref="Restart"/>).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public static ulong NewChannel() => (ulong)Interlocked.Increment(ref _nextChannel);

    public static async Task<AnnouncementHarness> StartAsync(Action<FakeDiscordOptions>? configure = null, string? connectionString = null)
    {
        var options = new FakeDiscordOptions { RouteLimit = 50, RouteResetAfter = TimeSpan.FromSeconds(1) };
        configure?.Invoke(options);
        var server = await FakeDiscordServer.StartAsync(options);
        var folder = Path.Combine(Path.GetTempPath(), "reviewbot-tests", Guid.NewGuid().ToString("n"));
        Directory.CreateDirectory(folder);
        var harness = new AnnouncementHarness(server, folder, connectionString);
        await harness.Get<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    public T Get<T>()
        where T : notnull => Bot.GetRequiredService<T>();

    public IDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["ConnectionStrings:Reviews"] = ConnectionString,
        ["Reviews:ImportSamplesWhenEmpty"] = "false",
        ["Discord:Token"] = Server.Options.Token,
        ["Discord:ApiBaseUrl"] = Server.ApiBaseUrl.AbsoluteUri,
        ["Discord:ApplicationId"] = Server.Options.ApplicationId.ToString(CultureInfo.InvariantCulture),
        ["Announcements:PollInterval"] = "00:00:00.050",
    };

    /// <summary>A new container on the same database and Discord, as after a restart; the old one stays until dispose.</summary>
    public ServiceProvider Restart()
    {
        Bot = Build();
        return Bot;
    }

    public async Task<Subscription> SubscribeAsync(ulong channel, long? showId = null, ulong? role = null, ChannelKind kind = ChannelKind.Text, ulong guild = Guild)
    {
        var result = await Get<SubscriptionStore>().AddAsync(new NewSubscription(guild, channel, kind, showId, role, 42), CancellationToken.None);
        Assert.Equal(SubscribeOutcome.Created, result.Outcome);
        return result.Subscription!;
    }

    public async Task<long> ImportAsync(string show = "Metallic Rouge", int season = 1, bool announce = true, string? text = null, Uri? sourceUrl = null)
    {
        text ??= Review(show, season);
        var result = await Get<IReviewImporter>().ImportAsync(
            new ReviewDocument($"{show}-{season}.txt", $"{show}-{season}.txt", text, ReviewOrigin.File, announce, sourceUrl), CancellationToken.None);
        Assert.True(result.Succeeded, result.Error);
        return result.ReviewId!.Value;
    }

    public static string Review(string show = "Metallic Rouge", int season = 1) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"))
            .Replace("Metallic Rouge", show, StringComparison.Ordinal)
            .Replace("Season 1", $"Season {season}", StringComparison.Ordinal);

    /// <summary>The sample review (as <see cref="Review"/>) with another verdict than its 6/10, e.g. "8/10".</summary>
    public static string ReviewWithVerdict(string verdict, string show = "Metallic Rouge") =>
        Review(show).Replace("Verdict - 6/10", "Verdict - " + verdict, StringComparison.Ordinal);

    /// <summary>Runs delivery passes until nothing more is due now.</summary>
    public async Task DeliverAsync()
    {
        var worker = Get<AnnouncementDeliveryService>();
        while (await worker.RunPassAsync(CancellationToken.None) > 0)
        {
        }
    }

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await Get<ReviewDatabase>().OpenAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>Create-message requests Discord answered with 200 for a channel, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> PostsIn(ulong channel) =>
        Server.Requests.Where(r => r.Route == "POST /channels/{channel_id}/messages" && r.Status == 200
            && r.Path == $"/channels/{channel}/messages").ToList();

    /// <summary>
    /// The distinct announcements a channel holds (by nonce), in the order they appeared: FakeDiscord answers a
    /// repeated nonce with the message it already created, so distinct nonces are distinct messages. Other
    /// posts (a subscription's confirmation, a "resumed" note) carry a nonce of their own create, not an
    /// announcement's (MessageNonce.ForAnnouncement), and are not counted.
    /// </summary>
    public IReadOnlyList<string> MessagesIn(ulong channel) =>
        PostsIn(channel).Select(r => r.Body!.Value.TryGetProperty("nonce", out var nonce) ? nonce.GetString() : null)
            .OfType<string>().Where(nonce => nonce.StartsWith("rb", StringComparison.Ordinal)).Distinct().ToList();

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        var violations = Server.SchemaViolations;
        var tooMany = Server.RateLimitedResponses;
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle may linger a moment; the temp folder is the OS's to clean.
        }

        Assert.True(violations.Count == 0, "Bodies broke Discord's OpenAPI schema:\n" + string.Join("\n", violations));
        if (!ExpectRateLimits)
        {
            Assert.Equal(0, tooMany);
        }
    }

    private ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(Settings()).Build();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(new RestRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(10), RequestTimeout = RequestTimeout });
        services.AddSingleton(_ => Backoff);
        if (SubscriptionClock is { } clock)
        {
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<SubscriptionStore>(provider, (TimeProvider)clock));
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<PauseNotices>(provider, (TimeProvider)clock));
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<GuildSystemChannels>(provider, (TimeProvider)clock));
            services.AddSingleton(provider => ActivatorUtilities.CreateInstance<PauseNotifier>(provider, (TimeProvider)clock));
        }

        services.AddReviewBotCore(configuration);
        services.AddDiscordRest(configuration);
        services.AddAnnouncements(configuration);
        var provider = services.BuildServiceProvider(validateScopes: true);
        _providers.Add(provider);
        return provider;
    }
}
