using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Sources;

namespace ReviewBot.Core.Tests.Sources;

/// <summary>
/// The feed fetcher only connects to public addresses unless Feeds:AllowedPrivateAddresses names an
/// exception. Refused targets are checked before any connection, so these tests reach nothing but
/// the loopback server (and not even that when it is refused).
/// </summary>
public sealed class FeedAddressPolicyTests : IAsyncLifetime
{
    private FeedTestServer server = null!;

    public async Task InitializeAsync() => server = await FeedTestServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>A host whose exception list names only a documentation address: loopback is refused.</summary>
    private static SourcesTestHost Strict() => new(new Dictionary<string, string?> { ["Feeds:AllowedPrivateAddresses:0"] = "192.0.2.1" });

    private static SourcesTestHost Allowing(string entry) => new(new Dictionary<string, string?> { ["Feeds:AllowedPrivateAddresses:0"] = entry });

    private void MapRedirect(string path, string location) => server.Map(path, context =>
    {
        context.Response.StatusCode = StatusCodes.Status302Found;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    });

    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private address (10.0.0.0/8)")]
    [InlineData("172.31.255.255", "private address (172.16.0.0/12)")]
    [InlineData("192.168.1.1", "private address (192.168.0.0/16)")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "'this network'")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("::1", "IPv6 loopback")]
    [InlineData("::", "unspecified")]
    [InlineData("fd12:3456::1", "unique-local")]
    [InlineData("fe80::1", "link-local IPv6")]
    [InlineData("ff02::1", "multicast IPv6")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("::ffff:10.0.0.1", "private address (10.0.0.0/8)")]
    [InlineData("64:ff9b::a9fe:a9fe", "embedding 169.254.169.254")]
    [InlineData("2002:0a00:0001::1", "embedding 10.0.0.1")]
    public void NonPublicAddresses_AreRefusedSayingWhatTheyAre(string address, string kind)
    {
        Assert.Contains(kind, FeedAddressPolicy.WhyNotPublic(IPAddress.Parse(address)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("1.1.1.1")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void PublicAddresses_AreAllowed(string address)
    {
        Assert.Null(FeedAddressPolicy.WhyNotPublic(IPAddress.Parse(address)));
    }

    [Fact]
    public async Task LoopbackFeed_IsRefusedBeforeAnyRequest_NamingTheAddress()
    {
        server.MapFeed("/feed", () => FeedFixtures.Rss(), () => "\"1\"");
        using var host = Strict();

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/feed"), null, null, CancellationToken.None);

        var error = Assert.IsType<FeedFetchResult.Failed>(result).Error;
        Assert.StartsWith($"Refused to fetch {server.Url("/feed")}: 127.0.0.1 resolves to 127.0.0.1, a loopback address", error, StringComparison.Ordinal);
        Assert.Contains("Feeds:AllowedPrivateAddresses", error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task HostName_IsResolvedAndCheckedAtConnect()
    {
        server.MapFeed("/feed", () => FeedFixtures.Rss(), () => "\"1\"");
        using var host = Strict();
        var url = new Uri($"http://localhost:{server.BaseUri.Port}/feed");

        var result = await host.Get<FeedFetcher>().FetchAsync(url, null, null, CancellationToken.None);

        Assert.StartsWith($"Refused to fetch {url}: localhost resolves to ", Assert.IsType<FeedFetchResult.Failed>(result).Error, StringComparison.Ordinal);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("http://127.0.0.2:{port}/feed", "127.0.0.2 resolves to 127.0.0.2, a loopback address")]
    [InlineData("http://[::1]:{port}/feed", "::1 resolves to ::1, the IPv6 loopback address")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 resolves to 169.254.169.254, a link-local address")]
    [InlineData("http://10.0.0.1/feed", "10.0.0.1 resolves to 10.0.0.1, a private address")]
    public async Task RedirectToANonPublicAddress_IsRefused_NamingTheTarget(string location, string named)
    {
        // The feed itself is on an allowed address; only the redirect target is not.
        var target = location.Replace("{port}", server.BaseUri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        MapRedirect("/start", target);
        using var host = Allowing("127.0.0.1");

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/start"), null, null, CancellationToken.None);

        var error = Assert.IsType<FeedFetchResult.Failed>(result).Error;
        Assert.StartsWith($"Refused to fetch {new Uri(target)} (redirected there from {server.Url("/start")}): {named}", error, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    [Theory]
    [InlineData("127.0.0.0/8")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task AllowedRange_LetsTheFeedThrough(string entry)
    {
        server.MapFeed("/feed", () => FeedFixtures.Rss(), () => "\"1\"");
        using var host = Allowing(entry);

        var result = await host.Get<FeedFetcher>().FetchAsync(server.Url("/feed"), null, null, CancellationToken.None);

        Assert.IsType<FeedFetchResult.Fetched>(result);
    }

    [Fact]
    public void InvalidException_IsAConfigurationError()
    {
        using var host = Allowing("not a host/99");

        var error = Assert.Throws<OptionsValidationException>(() => host.FeedsOptions);

        Assert.Contains("Feeds:AllowedPrivateAddresses:0: 'not a host/99' is neither an IP address, a CIDR range (10.0.0.0/8) nor a host name.", error.Failures);
    }
}
