using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewBot.Core.Sources;

/// <summary>
/// Polite HTTP for feeds: conditional GET, our own redirect handling (so hops are counted and loops
/// detected), a streamed body limit, and a deadline on the TimeProvider covering headers and body.
/// </summary>
public sealed class FeedFetcher(
    IHttpClientFactory httpClientFactory,
    IOptions<FeedsOptions> options,
    TimeProvider timeProvider,
    ILogger<FeedFetcher> logger)
{
    public const string HttpClientName = "ReviewBot.Feeds";

    /// <summary>The HTTP client's own timeout: a minute past the longest <see cref="FeedsOptions.RequestTimeout"/>, which ends a request first.</summary>
    public static readonly TimeSpan Backstop = FeedsOptions.LongestRequestTimeout + TimeSpan.FromMinutes(1);
    public const string UserAgent = "ReviewBot/1.0 (+https://github.com/reviewbot/reviewbot)";

    public async Task<FeedFetchResult> FetchAsync(Uri url, string? etag, string? lastModified, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var deadline = new CancellationTokenSource(settings.RequestTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            return await FetchCoreAsync(url, etag, lastModified, settings, linked.Token);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return new FeedFetchResult.Failed($"Timed out after {settings.RequestTimeout.TotalSeconds:0.#} s waiting for {url}.");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            // Refused connections, DNS failures, resets mid-body: the feed's problem, not ours.
            return new FeedFetchResult.Failed($"Request to {url} failed: {ex.Message}");
        }
        catch (InvalidDataException ex)
        {
            // Thrown by the decompressing stream, not the connection: a body that is not the gzip,
            // deflate or brotli its Content-Encoding claims is the feed's problem too.
            return new FeedFetchResult.Failed(
                $"Request to {url} failed: the body could not be decompressed as its Content-Encoding says ({ex.Message}).");
        }
    }

    private async Task<FeedFetchResult> FetchCoreAsync(Uri url, string? etag, string? lastModified, FeedsOptions settings, CancellationToken cancellationToken)
    {
        var client = httpClientFactory.CreateClient(HttpClientName);
        var visited = new HashSet<Uri> { url };
        var current = url;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.UserAgent.ParseAdd(UserAgent);
            request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
            if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
            {
                request.Headers.IfNoneMatch.Add(tag);
            }

            if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
            {
                request.Headers.IfModifiedSince = since;
            }

            var conditional = request.Headers.IfNoneMatch.Count > 0 || request.Headers.IfModifiedSince is not null;

            HttpResponseMessage sent;
            try
            {
                sent = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            }
            catch (HttpRequestException ex) when (Refused(ex) is { } refused)
            {
                var via = current == url ? "" : $" (redirected there from {url})";
                return new FeedFetchResult.Failed(
                    $"Refused to fetch {current}{via}: {refused.Message}; feeds are only fetched from public addresses. "
                    + $"If this feed is meant to be reached there, add {refused.Address} or {refused.Host} to Feeds:AllowedPrivateAddresses.");
            }

            using var response = sent;
            var status = (int)response.StatusCode;
            if (status is 301 or 302 or 303 or 307 or 308)
            {
                var location = response.Headers.Location;
                if (location is null)
                {
                    return new FeedFetchResult.Failed($"{current} answered {status} without a Location header.");
                }

                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (next.Scheme is not ("http" or "https"))
                {
                    return new FeedFetchResult.Failed($"{current} redirects to {next}, which is not an http(s) URL.");
                }

                if (next.UserInfo.Length > 0)
                {
                    // The same rule as a configured address: feeds are fetched without a login, and
                    // the address a feed is served from is written to the log, so the password is
                    // neither followed nor repeated.
                    return new FeedFetchResult.Failed(
                        $"{current} redirects to an address with a user name or password in it ({FeedAddressPolicy.WithoutUserInfo(next)}); feeds are fetched without a login.");
                }

                if (!visited.Add(next))
                {
                    return new FeedFetchResult.Failed($"Redirect loop: {current} redirects back to {next}.");
                }

                if (hop + 1 > settings.MaxRedirects)
                {
                    return new FeedFetchResult.Failed($"Too many redirects (more than {settings.MaxRedirects}) starting at {url}.");
                }

                logger.LogDebug("Feed {FeedUrl} redirected ({Status}) to {Location}", url, status, next);
                current = next;
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                // Only an answer to what was asked: without a validator sent there is no copy it can be
                // "not modified" from (a broken cache answering 304 to everyone), and taking it as
                // unchanged would leave the feed unread at every poll without a word.
                return conditional
                    ? new FeedFetchResult.NotModified()
                    : new FeedFetchResult.Failed($"{current} answered 304 Not Modified to a request that was not conditional (no ETag or date was sent); the feed could not be read.");
            }

            if (!response.IsSuccessStatusCode)
            {
                var retryAfter = status is 429 or 503 ? RetryAfter(response.Headers.RetryAfter) : null;
                var asked = retryAfter is { } wait ? $" It asked to wait {wait.TotalSeconds:0} s (Retry-After)." : "";
                return new FeedFetchResult.Failed($"{current} answered {status} {response.ReasonPhrase}.{asked}", retryAfter);
            }

            var body = await ReadLimitedAsync(response.Content, settings.MaxBodyBytes, cancellationToken);
            if (body is null)
            {
                return new FeedFetchResult.Failed($"The feed at {current} is larger than the {settings.MaxBodyBytes / (1024.0 * 1024.0):0.##} MiB limit; not read.");
            }

            return new FeedFetchResult.Fetched(
                body.Value,
                // Whole, with its charset: the encoding of a feed whose declaration names none.
                response.Content.Headers.ContentType?.ToString(),
                response.Headers.ETag?.ToString(),
                response.Content.Headers.LastModified?.ToString("R"),
                current);
        }
    }

    /// <summary>Retry-After as a wait from now (it is either seconds or a date); null when absent or already past.</summary>
    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header)
    {
        var wait = header?.Delta ?? (header?.Date is { } date ? date - timeProvider.GetUtcNow() : null);
        return wait > TimeSpan.Zero ? wait : null;
    }

    private static FeedAddressRefusedException? Refused(Exception exception)
    {
        for (Exception? inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is FeedAddressRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes; null when the body is larger (it is not read to the end).</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadLimitedAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > limit)
        {
            return null;
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
