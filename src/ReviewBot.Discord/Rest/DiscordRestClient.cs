using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Metrics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Discord.Gateway;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest.RateLimits;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// Discord's REST API v10, the calls the bot needs, split by resource into partial files. Every
/// call goes through <see cref="SendAsync"/>: bucket wait, global wait, send, learn from headers,
/// retry what Discord says is retryable, and turn the rest into <see cref="DiscordRestException"/>.
/// </summary>
public sealed partial class DiscordRestClient : IGatewayBotSource
{
    /// <summary>Mandatory shape "DiscordBot (url, version)" (docs: Reference, User Agent); Cloudflare blocks others.</summary>
    public const string UserAgent = "DiscordBot (https://github.com/reviewbot/reviewbot, 1.0)";

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpMessageInvoker _http;
    private readonly IOptionsMonitor<DiscordOptions> _options;
    private readonly DiscordRateLimiter _limits;
    private readonly RestRetryOptions _retry;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly CurrentApplicationCache _application;
    private readonly InteractionCallbackWrites _callbackWrites;
    private readonly HttpDurationListeners _durationListeners;
    private readonly AttemptTimeouts _timeouts;

    internal DiscordRestClient(
        HttpMessageInvoker http,
        IOptionsMonitor<DiscordOptions> options,
        DiscordRateLimiter limits,
        RestRetryOptions retry,
        TimeProvider time,
        ILogger<DiscordRestClient> logger,
        CurrentApplicationCache application,
        InteractionCallbackWrites callbackWrites,
        HttpDurationListeners durationListeners)
    {
        _durationListeners = durationListeners;
        _timeouts = new AttemptTimeouts(time);
        _application = application;
        _callbackWrites = callbackWrites;
        _http = http;
        _options = options;
        _limits = limits;
        _retry = retry;
        _time = time;
        _logger = logger;
    }

    private async Task<TResponse> SendAsync<TBody, TResponse>(
        RestRoute route,
        TBody body,
        JsonTypeInfo<TBody> bodyType,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var bytes = await SendAsync(route, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), cancellationToken);
        return Deserialize(route, bytes, responseType);
    }

    /// <summary>A JSON body, or with <paramref name="files"/> the same JSON as payload_json beside them in multipart/form-data.</summary>
    private async Task<TResponse> SendAsync<TBody, TResponse>(
        RestRoute route,
        TBody body,
        JsonTypeInfo<TBody> bodyType,
        IReadOnlyList<FileUpload>? files,
        JsonTypeInfo<TResponse> responseType,
        CancellationToken cancellationToken)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(body, bodyType);
        if (files is not { Count: > 0 })
        {
            return Deserialize(route, await SendAsync(route, json, cancellationToken), responseType);
        }

        var (multipart, contentType) = MultipartBody.Encode(json, files);
        return Deserialize(route, await SendAsync(route, multipart, cancellationToken, contentType: contentType), responseType);
    }

    private async Task<TResponse> SendAsync<TResponse>(RestRoute route, JsonTypeInfo<TResponse> responseType, CancellationToken cancellationToken)
    {
        var bytes = await SendAsync(route, null, cancellationToken);
        return Deserialize(route, bytes, responseType);
    }

    private static TResponse Deserialize<TResponse>(RestRoute route, byte[] bytes, JsonTypeInfo<TResponse> type) =>
        JsonSerializer.Deserialize(bytes, type)
        ?? throw new DiscordRestException($"Discord answered {route.Name} with an empty body.");

    /// <param name="contentType">The body's type; JSON unless given (multipart uploads).</param>
    private Task<byte[]> SendAsync(RestRoute route, RequestBody? body, CancellationToken cancellationToken, MediaTypeHeaderValue? contentType = null)
    {
        // A one-shot route (an interaction's callback) is its own bucket: no other request ever shares it,
        // so it lives only as long as this call, its retries included, and never enters the registry (kept
        // there for the idle sweep, a busy bot would hold one per interaction of the last minutes, and each
        // collection would promote them; looking it up and forgetting it cost more than the request's own work).
        // Nothing waits on it before a first answer, so it is made only when an answer asks for a retry.
        return SendWithRetriesAsync(route, body, contentType ?? Json, cancellationToken);
    }

    private async Task<byte[]> SendWithRetriesAsync(RestRoute route, RequestBody? body, MediaTypeHeaderValue contentType, CancellationToken cancellationToken)
    {
        // A rejected bot token stays rejected: every further request would be one more 401 toward
        // Discord's invalid request limit and its IP ban, and Discord asks for "stopping further requests
        // after a token becomes invalid" (docs: Rate Limits, "Invalid Request Limit aka Cloudflare bans").
        // So until the configuration holds another token nothing that needs it is sent. Interaction
        // routes are authorised by the interaction's own token and go on.
        var token = _options.CurrentValue.Token;
        if (!route.IsInteraction && _limits.IsRejected(token))
        {
            throw new DiscordRestException(HttpStatusCode.Unauthorized, 0, "not sent: Discord already rejected the bot token (401); set a valid Discord:Token", null, route.Name);
        }

        var failures = 0;
        var rateLimited = 0;
        RouteBucket? ownBucket = null;
        while (true)
        {
            RequestTicket ticket;
            try
            {
                ticket = await AcquireAsync(route, ownBucket, cancellationToken);
            }
            catch (RateLimitPausedException paused)
            {
                // What a 429 asking for longer than MaxRateLimitWait got, every later call gets too while
                // that pause lasts: the 429 at once, nothing sent. Sitting it out would hold the caller (an
                // outbox pass, all its channels) for as long as Discord asked, up to hours.
                throw new DiscordRestException(HttpStatusCode.TooManyRequests, 0, $"not sent: {paused.Message}, longer than RestRetryOptions.MaxRateLimitWait", null, route.Name);
            }

            HttpResponseMessage response;
            try
            {
                // One attempt, here rather than in a method of its own: every request makes at least one, and
                // an async method of its own was a state machine and a task more per request.
                // The attempt's time limit, also ended by the caller's token: one source, the caller's token only
                // registered on. It goes back for reuse once the attempt is over, the request disposed included.
                var timeout = _timeouts.Start(_retry.RequestTimeout);
                try
                {
                    using var request = CreateRequest(route, body, contentType);
                    using var onCancel = cancellationToken.UnsafeRegister(static source => ((CancellationTokenSource)source!).Cancel(), timeout);
                    response = await _http.SendAsync(request, timeout.Token);
                    try
                    {
                        // The whole answer is read within the attempt, so a read that fails is a failed attempt (retried
                        // as one); except a successful callback's, which carries nothing the bot reads.
                        if (!(route.OneShot && response.IsSuccessStatusCode))
                        {
                            await response.Content.LoadIntoBufferAsync(timeout.Token);
                        }
                    }
                    catch
                    {
                        response.Dispose();
                        throw;
                    }
                }
                finally
                {
                    _timeouts.Return(timeout);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // A timeout or a dropped connection: Discord may or may not have acted, which is why
                // create message carries a nonce with enforce_nonce for retries.
                ticket.Release();
                failures++;
                if (!route.ResendWithoutAnswer)
                {
                    throw new DiscordRestException($"{route.Name} got no answer ({ex.GetType().Name}); not resent, since Discord may have acted and cannot deduplicate it.", ex);
                }

                if (failures >= _retry.MaxAttempts)
                {
                    throw new DiscordRestException($"{route.Name} failed {failures} times without an answer ({ex.GetType().Name}).", ex);
                }

                _logger.LogWarning("{Route} got no answer ({Error}); try {Attempt} of {MaxAttempts}", route.Name, ex.GetType().Name, failures + 1, _retry.MaxAttempts);
                await Task.Delay(_retry.Backoff(failures), _time, cancellationToken);
                continue;
            }
            catch
            {
                ticket.Release();
                throw;
            }

            using (response)
            {
                // A one-shot route's bucket only matters for its own retry: a success (nearly every
                // callback) ends it, so its headers are not read.
                if (route.OneShot && response.IsSuccessStatusCode)
                {
                    ticket.Release();
                    return []; // a callback's answer carries nothing the bot reads
                }

                var headers = RateLimitHeaders.Parse(response.Headers, _time.GetUtcNow());
                var bucket = route.OneShot ? Learn(ownBucket ??= new RouteBucket(_time), headers) : Learn(route, headers);
                ticket.Release();
                var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                var status = (int)response.StatusCode;

                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    var retryAfter = HonourTooManyRequests(route, bucket, headers, content);
                    if (++rateLimited > _retry.MaxRateLimitRetries || retryAfter > _retry.MaxRateLimitWait)
                    {
                        throw ToException(route, response.StatusCode, content);
                    }

                    continue;
                }

                if (status >= 500)
                {
                    failures++;
                    // A 5xx may come from the proxy in front of the API (502, 504) after the API acted: for a
                    // create Discord cannot deduplicate it is no more an answer than a timeout, and the caller decides.
                    if (failures >= _retry.MaxAttempts || !route.ResendWithoutAnswer)
                    {
                        throw ToException(route, response.StatusCode, content);
                    }

                    _logger.LogWarning("{Route} answered {Status}; try {Attempt} of {MaxAttempts}", route.Name, status, failures + 1, _retry.MaxAttempts);
                    await Task.Delay(_retry.Backoff(failures), _time, cancellationToken);
                    continue;
                }

                if (status is 401 or 403)
                {
                    _limits.InvalidRequests.Record(status);
                }

                if (status == 401 && !route.IsInteraction)
                {
                    // Every further call with a rejected token would count toward Discord's IP ban: stop them, and say so loudly.
                    _limits.Reject(token);
                    _logger.LogError("Discord rejected the bot token (401) on {Route}: check Discord:Token; no further request needing it is sent until it changes", route.Name);
                }

                if (!response.IsSuccessStatusCode)
                {
                    // Other 4xx say the request itself is wrong: retrying would only add invalid requests.
                    var refused = ToException(route, response.StatusCode, content);
                    if (failures > 0 && DoneByALostTry(route, status, refused.Code))
                    {
                        // A resend after an attempt whose answer was lost (a timeout, a 502/504): that attempt
                        // reached Discord, which now refuses to do the same again. The call did what it was
                        // for, and failing it would have the bot report an error it never had.
                        _logger.LogInformation("{Route}: an earlier try whose answer was lost had already done it", route.Name);
                        return [];
                    }

                    throw refused;
                }

                return content;
            }
        }
    }

    /// <summary>Discord's JSON error code for a second callback to one interaction (docs: Opcodes and Status Codes, "JSON Error Codes").</summary>
    private const int AlreadyAcknowledged = 40060;

    /// <summary>
    /// A refusal of a resend that says the earlier try took effect: a second callback to one interaction
    /// (40060), or a delete that finds nothing left to delete.
    /// </summary>
    private static bool DoneByALostTry(RestRoute route, int status, int code) =>
        (route.OneShot && code == AlreadyAcknowledged) || (route.NotFoundAfterResendIsDone && status == 404);

    private RouteRequestMessage CreateRequest(RestRoute route, RequestBody? body, MediaTypeHeaderValue contentType)
    {
        var request = new RouteRequestMessage(route, route.PathIncludesBase ? new Uri(route.Path) : BuildUri(route.Path));
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        if (_durationListeners.AnyListening)
        {
            HttpMetricsEnrichmentContext.AddCallback(request, RouteRequestMessage.AddUrlTemplate);
        }

        if (body is not null)
        {
            // A watched callback's body says when it has been written (again on each attempt).
            var written = route.CallbackFor is { } interactionId ? _callbackWrites.Find(interactionId) : null;
            request.Content = body.ToContent(written);

            // As text, so the header is not formatted again for every request (a multipart boundary would be).
            request.Content.Headers.TryAddWithoutValidation("Content-Type", ContentTypeTexts.GetValue(contentType, static type => type.ToString()));
        }

        return request;
    }

    /// <summary>Each body type's header text, kept while the type is (JSON's for good, a prepared multipart body's with the body).</summary>
    private static readonly ConditionalWeakTable<MediaTypeHeaderValue, string> ContentTypeTexts = new();

    /// <summary>Waits for the route's bucket, then (unless an interaction route) for the global limit.</summary>
    private async ValueTask<RequestTicket> AcquireAsync(RestRoute route, RouteBucket? ownBucket, CancellationToken cancellationToken)
    {
        if (route.OneShot)
        {
            // Only interaction callbacks are one-shot, and interaction routes skip the global limit. Before
            // its first answer no one else can hold its bucket, so there is nothing to wait for.
            return ownBucket is null ? default : new RequestTicket(ownBucket, await ownBucket.AcquireAsync(_retry.MaxRateLimitWait, cancellationToken), null);
        }

        var bucket = _limits.Buckets.Get(route);
        var ticket = new RequestTicket(bucket, await bucket.AcquireAsync(_retry.MaxRateLimitWait, cancellationToken), null);

        // While we waited, an answer may have re-keyed the route onto a shared bucket hash: queue there instead.
        while (_limits.Buckets.Get(route) is var current && !ReferenceEquals(current, ticket.Bucket))
        {
            ticket.Release();
            ticket = new RequestTicket(current, await current.AcquireAsync(_retry.MaxRateLimitWait, cancellationToken), null);
        }

        if (!route.IsInteraction)
        {
            try
            {
                await _limits.Global.AcquireAsync(_retry.MaxRateLimitWait, cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or RateLimitPausedException)
            {
                ticket.Release();
                throw;
            }

            ticket = ticket with { Global = _limits.Global };
        }

        return ticket;
    }

    /// <summary>
    /// What one attempt holds: its bucket (as the probe of an unlearned bucket, perhaps) and a global
    /// slot. Released once the answer's headers are in, or the attempt failed.
    /// </summary>
    private readonly record struct RequestTicket(RouteBucket? Bucket, bool IsProbe, GlobalRateLimiter? Global)
    {
        public void Release()
        {
            if (IsProbe)
            {
                Bucket!.EndProbe();
            }

            Global?.Release();
        }
    }

    /// <summary>Takes what the headers teach: the route's bucket hash (re-keying it) and the bucket's state.</summary>
    private RouteBucket Learn(RestRoute route, RateLimitHeaders headers) =>
        Learn(headers.Bucket is { Length: > 0 } hash ? _limits.Buckets.Learn(route, hash) : _limits.Buckets.Get(route), headers);

    private RouteBucket Learn(RouteBucket bucket, RateLimitHeaders headers)
    {
        if (headers.HasBucketState)
        {
            bucket.Update(headers.Limit!.Value, headers.Remaining!.Value, headers.ResetAfter!.Value, _time.GetUtcNow());
        }

        return bucket;
    }

    /// <summary>Pauses what the 429 names and returns how long it asked to wait.</summary>
    private TimeSpan HonourTooManyRequests(RestRoute route, RouteBucket bucket, RateLimitHeaders headers, byte[] content)
    {
        var body = TryRead(content, DiscordJsonContext.Default.RateLimitedBody);
        var retryAfter = (body is { RetryAfter: > 0 } ? RateLimitHeaders.Seconds(body.RetryAfter) : null) ?? headers.RetryAfter ?? TimeSpan.FromSeconds(1);

        // The API's 429s carry a JSON body (and X-RateLimit-Scope); one with neither comes from Cloudflare
        // in front of it, an HTML page banning the IP (docs: Rate Limits, "Invalid Request Limit aka
        // Cloudflare bans"). That ban holds for every route, so it pauses everything, as a global limit does.
        var fromCloudflare = body is null && headers.Scope is null && !headers.Global;
        var scope = fromCloudflare ? "cloudflare" : headers.Scope ?? (headers.Global || body?.Global == true ? "global" : "user");
        var until = _time.GetUtcNow() + retryAfter;

        // Shared-scope 429s are another resource's limit and do not count as invalid requests.
        if (!string.Equals(scope, "shared", StringComparison.OrdinalIgnoreCase))
        {
            _limits.InvalidRequests.Record(429);
        }

        if (fromCloudflare || string.Equals(scope, "global", StringComparison.OrdinalIgnoreCase) || headers.Global)
        {
            _limits.Global.PauseUntil(until);
            if (route.IsInteraction)
            {
                // Interaction routes never wait on the global limit, so its pause alone would let this
                // request's retry go at once, straight back into the same 429.
                bucket.PauseUntil(until);
            }
        }
        else
        {
            bucket.PauseUntil(until);
        }

        _logger.LogWarning("{Route} was rate limited (scope {Scope}) for {RetryAfterMs} ms", route.Name, scope, (long)retryAfter.TotalMilliseconds);
        return retryAfter;
    }

    private DiscordRestException ToException(RestRoute route, HttpStatusCode status, byte[] content)
    {
        var error = TryRead(content, DiscordJsonContext.Default.DiscordErrorBody);
        var message = Redact(route, error?.Message ?? status.ToString());
        var errors = error?.Errors is { ValueKind: JsonValueKind.Object or JsonValueKind.Array } tree ? Redact(route, tree.GetRawText()) : null;
        return new DiscordRestException(status, error?.Code ?? 0, message, errors, route.Name);
    }

    /// <summary>Defence in depth: Discord does not echo credentials, but a message must never carry one.</summary>
    private string Redact(RestRoute route, string text)
    {
        var token = _options.CurrentValue.Token;
        if (token.Length > 0)
        {
            text = text.Replace(token, "[token]", StringComparison.Ordinal);
        }

        foreach (var segment in route.Path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (segment.Length > 40)
            {
                text = text.Replace(segment, "[token]", StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static T? TryRead<T>(byte[] content, JsonTypeInfo<T> type)
    {
        try
        {
            return content.Length == 0 ? default : JsonSerializer.Deserialize(content, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private Uri BuildUri(string path) => new(string.Concat(ApiBase(), path));

    /// <summary>The API's base URL without a trailing slash, for a path to follow.</summary>
    private ReadOnlySpan<char> ApiBase()
    {
        var baseUrl = _options.CurrentValue.ApiBaseUrl.AbsoluteUri;
        return baseUrl.EndsWith('/') ? baseUrl.AsSpan(0, baseUrl.Length - 1) : baseUrl;
    }

    /// <summary>
    /// A request that knows its route, so HttpClient's http.client.request.duration can carry the route
    /// template as url.template (OpenTelemetry's HTTP conventions) through one static callback; never
    /// the path, which can hold an interaction token.
    /// </summary>
    private sealed class RouteRequestMessage(RestRoute route, Uri uri) : HttpRequestMessage(route.Method, uri)
    {
        public static readonly Action<HttpMetricsEnrichmentContext> AddUrlTemplate = static context =>
        {
            if (context.Request is RouteRequestMessage request)
            {
                context.AddCustomTag("url.template", request.Route.Template);
            }
        };

        public RestRoute Route { get; } = route;
    }
}
