using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ReviewBot.Core.Import;
using ReviewBot.Core.Tests.Sources;
using ReviewBot.Core;
using ReviewBot.Sources;
using ReviewBot.TestSupport;

namespace ReviewBot.Tests.Sources;

public sealed class SourcesHostingTests : IDisposable
{
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private readonly string folder = Directory.CreateTempSubdirectory("reviewbot-hosting-").FullName;

    private string Inbox => Path.Combine(folder, "inbox");

    [Fact]
    public async Task Host_WithSourcesHosting_ImportsADroppedFileAndStopsPromptly()
    {
        // A feed too, so both loops are busy (the feed waiting out its interval) when the host stops.
        await using var server = await FeedTestServer.StartAsync();
        server.MapFeed("/feed/", () => FeedFixtures.Rss(FeedFixtures.NewsItem()), () => "\"n1\"");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = folder, EnvironmentName = "Test" });
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Reviews"] = $"Data Source={Path.Combine(folder, "reviewbot.db")}",
            ["Reviews:ImportSamplesWhenEmpty"] = "false",
            ["Reviews:InboxDirectory"] = Inbox,
            ["Reviews:InboxSettleTime"] = "00:00:00",
            ["Feeds:Sources:0:Url"] = server.Url("/feed/").ToString(),
            ["Feeds:AllowedPrivateAddresses:0"] = "127.0.0.1",
        });
        var saved = new SignallingParticipant();
        builder.Services.AddReviewBotCore(builder.Configuration);
        builder.Services.AddSingleton<IReviewSaveParticipant>(saved);
        builder.Services.AddReviewSourcesHosting();
        using var host = builder.Build();
        await host.Services.GetRequiredService<DatabaseInitializer>().EnsureReadyAsync(CancellationToken.None);

        await host.StartAsync().WaitAsync(Guard);
        await Eventually.WaitUntilAsync(() => Directory.Exists(Path.Combine(Inbox, "processed")), Guard);
        // Written under a name the inbox ignores, then renamed: the file appears complete.
        var sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "samples", "metallic-rouge-season-1.txt"));
        File.WriteAllText(Path.Combine(Inbox, "review.txt.part"), sample);
        File.Move(Path.Combine(Inbox, "review.txt.part"), Path.Combine(Inbox, "review.txt"));
        var review = await saved.First.WaitAsync(Guard);
        await Eventually.WaitUntilAsync(() => File.Exists(Path.Combine(Inbox, "processed", "review.txt")), Guard);
        await Eventually.WaitUntilAsync(() => server.CountRequests("/feed/") == 1, Guard);

        var stopping = Stopwatch.StartNew();
        await host.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(stopping.Elapsed < TimeSpan.FromSeconds(5));
        Assert.Equal("Metallic Rouge", review.ShowTitle);
        Assert.True(review.Announce);
        Assert.Equal(ReviewOrigin.Inbox, review.Origin);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A pooled handle from a parallel test may linger; the temp folder is the OS's to clean.
        }
    }

    private sealed class SignallingParticipant : IReviewSaveParticipant
    {
        private readonly TaskCompletionSource<SavedReview> first = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<SavedReview> First => first.Task;

        public Task OnSavedAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, SavedReview saved, CancellationToken cancellationToken)
        {
            first.TrySetResult(saved);
            return Task.CompletedTask;
        }
    }
}
