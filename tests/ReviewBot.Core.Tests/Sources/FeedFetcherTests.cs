using Microsoft.AspNetCore.Http;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

public sealed class FeedFetcherTests : IAsyncLifetime
{
    // A guard against a hung test run, not a sleep: every wait below normally ends at once.
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(30);

    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    private static SourcesTestHost Host() => new(new Dictionary<string, string?>());

    /// <summary>
    /// The HTTP client's own timeout is a backstop past the longest deadline a setting may give: at
    /// equal times it could end the request first, with a message about HttpClient.Timeout.
    /// </summary>
    [Fact]
    public void Client_AtTheLongestRequestTimeout_HasABackstopLongerThanTheDeadline()
    {
        using var host = new SourcesTestHost(new Dictionary<string, string?> { ["Feeds:RequestTimeout"] = "00:10:00" });
        var deadline = host.Get<Microsoft.Extensions.Options.IOptions<FeedsOptions>>().Value.RequestTimeout;

        var client = host.Get<IHttpClientFactory>().CreateClient(FeedFetcher.HttpClientName);

        Assert.True(client.Timeout > deadline, $"the client's timeout {client.Timeout} does not outlast the deadline {deadline}");
    }

    [Fact]
    public async Task BodyOverTheLimit_IsNotReadToTheEnd_AndFails()
    {
        // 11 MiB streamed without a Content-Length, so only counting while reading can catch it.
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        server.Map("/huge.xml", async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>", context.RequestAborted);
            for (var i = 0; i < 11 * 16; i++)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/huge.xml"), null, null, CancellationToken.None);

        var failed = Assert.IsType<FeedFetchResult.Failed>(result);
        Assert.Contains("larger than the 10 MiB limit", failed.Error);
    }

    [Fact]
    public async Task DeclaredContentLengthOverTheLimit_FailsWithoutReading()
    {
        server.Map("/big.xml", context =>
        {
            context.Response.ContentLength = 11L * 1024 * 1024;
            context.Response.ContentType = "application/rss+xml";
            return context.Response.WriteAsync("<rss>", context.RequestAborted);
        });
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/big.xml"), null, null, CancellationToken.None);

        Assert.Contains("larger than", Assert.IsType<FeedFetchResult.Failed>(result).Error);
    }

    [Fact]
    public async Task GzipBomb_IsCountedAfterDecompression_AndFails()
    {
        // 11 MiB of spaces compress to a few KiB: the limit must count what decompression yields.
        using var compressed = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(compressed, System.IO.Compression.CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 11; i++)
            {
                gzip.Write(spaces);
            }
        }

        var body = compressed.ToArray();
        server.Map("/bomb.xml", context =>
        {
            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentLength = body.Length;
            return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
        });
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/bomb.xml"), null, null, CancellationToken.None);

        Assert.True(body.Length < 100 * 1024);
        Assert.Contains("larger than the 10 MiB limit", Assert.IsType<FeedFetchResult.Failed>(result).Error);
    }

    [Fact]
    public async Task BodyThatIsNotTheCompressionItClaims_FailsTheFetch_NotThePoller()
    {
        server.Map("/not-gzip.xml", context =>
        {
            context.Response.ContentType = "application/rss+xml";
            context.Response.Headers.ContentEncoding = "gzip";
            return context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel></channel></rss>", context.RequestAborted);
        });
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/not-gzip.xml"), null, null, CancellationToken.None);

        var failed = Assert.IsType<FeedFetchResult.Failed>(result);
        Assert.Contains("not-gzip.xml", failed.Error);
        Assert.Contains("could not be decompressed as its Content-Encoding says", failed.Error);
    }

    [Fact]
    public async Task StalledServer_TimesOutOnTheTimeProvider()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Map("/stall", async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var host = Host();

        var fetch = host.Get<FeedFetcher>().FetchAsync(server.Url("/stall"), null, null, CancellationToken.None);
        await arrived.Task.WaitAsync(Guard);
        Assert.False(fetch.IsCompleted);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var result = await fetch.WaitAsync(Guard);

        Assert.Contains("Timed out after 30 s", Assert.IsType<FeedFetchResult.Failed>(result).Error);
    }

    [Fact]
    public async Task StalledBody_TimesOutToo()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Map("/trickle", async context =>
        {
            context.Response.ContentType = "application/rss+xml";
            await context.Response.WriteAsync("<?xml version=\"1.0\"?><rss version=\"2.0\">", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        using var host = Host();

        var fetch = host.Get<FeedFetcher>().FetchAsync(server.Url("/trickle"), null, null, CancellationToken.None);
        await arrived.Task.WaitAsync(Guard);
        host.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Contains("Timed out", Assert.IsType<FeedFetchResult.Failed>(await fetch.WaitAsync(Guard)).Error);
    }

    [Fact]
    public async Task RedirectLoop_IsDetected()
    {
        server.Map("/a", context => Redirect(context, "/b"));
        server.Map("/b", context => Redirect(context, "/a"));
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/a"), null, null, CancellationToken.None);

        Assert.Contains("Redirect loop", Assert.IsType<FeedFetchResult.Failed>(result).Error);
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task FiveRedirects_AreFollowed_ButASixthIsNot()
    {
        for (var i = 0; i < 7; i++)
        {
            var next = $"/r{i + 1}";
            server.Map($"/r{i}", context => Redirect(context, next));
        }

        server.Map("/r5", context => context.Response.WriteAsync(FeedFixtures.Rss()));
        server.Map("/s5", context => Redirect(context, "/s6"));
        for (var i = 0; i < 5; i++)
        {
            var next = $"/s{i + 1}";
            server.Map($"/s{i}", context => Redirect(context, next));
        }

        server.Map("/s6", context => context.Response.WriteAsync(FeedFixtures.Rss()));
        using var host = Host();
        var fetcher = host.Get<FeedFetcher>();

        var five = await fetcher.FetchAsync(server.Url("/r0"), null, null, CancellationToken.None);
        var six = await fetcher.FetchAsync(server.Url("/s0"), null, null, CancellationToken.None);

        Assert.Equal(server.Url("/r5"), Assert.IsType<FeedFetchResult.Fetched>(five).FinalUrl);
        Assert.Contains("Too many redirects", Assert.IsType<FeedFetchResult.Failed>(six).Error);
    }

    [Fact]
    public async Task RedirectToAnAddressWithALogin_IsRefused_WithoutRepeatingThePassword()
    {
        // Feeds are fetched without a login, and feed addresses go to the log: a configured address
        // with a password is refused at start, and one a server redirects to is no different.
        var withLogin = new UriBuilder(server.Url("/members/feed")) { UserName = "reader", Password = "s3cret-pass" }.Uri;
        server.Map("/feed", context => Redirect(context, withLogin.AbsoluteUri));
        server.Map("/members/feed", context => context.Response.WriteAsync(FeedFixtures.Rss()));
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/feed"), null, null, CancellationToken.None);

        var error = Assert.IsType<FeedFetchResult.Failed>(result).Error;
        Assert.Contains("user name or password", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.GetSnapshot(), l => l.Message.Contains("s3cret-pass", StringComparison.Ordinal));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task ConditionalHeaders_AreSent()
    {
        server.Map("/feed", context =>
        {
            context.Response.StatusCode = context.Request.Headers.IfModifiedSince.Count > 0 ? 304 : 500;
            return Task.CompletedTask;
        });
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/feed"), "\"abc\"", "Mon, 01 Apr 2024 10:00:00 GMT", CancellationToken.None);

        Assert.IsType<FeedFetchResult.NotModified>(result);
        Assert.Equal("\"abc\"", server.Requests[0].IfNoneMatch);
    }

    [Fact]
    public async Task RefusedConnection_FailsWithTheReason()
    {
        // A port that was free a moment ago: nothing listens on it now.
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var host = Host();

        var result = await host.Get<FeedFetcher>().FetchAsync(new Uri($"http://127.0.0.1:{port}/feed"), null, null, CancellationToken.None);

        Assert.StartsWith($"Request to http://127.0.0.1:{port}/feed failed:", Assert.IsType<FeedFetchResult.Failed>(result).Error);
    }

    private static Task Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }
}
