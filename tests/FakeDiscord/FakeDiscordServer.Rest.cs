using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeDiscord.Rest;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace FakeDiscord;

/// <summary>
/// The REST half of the fake: routes under /api/v10, checked like Discord checks them (auth,
/// User-Agent, request schema from openapi.json plus the rules the spec cannot express, rate limits)
/// with every request recorded and faults injectable.
/// </summary>
public sealed partial class FakeDiscordServer
{
    private const string ApiPrefix = "/api/v10";

    private readonly RequestRecorder _recorder = new();
    private readonly FaultInjector _faults = new();
    private readonly Lock _violationsLock = new();
    private readonly List<string> _violations = [];
    private FakeRateLimiter _limiter = null!;
    private RequestBodyChecks _bodyChecks = null!;
    private FakeMessageStore _messages = null!;
    private IReadOnlyList<(FakeRoute Route, Func<FakeRestRequest, FakeRestAnswer> Handle)> _routes = [];

    /// <summary>Every REST request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _recorder.Snapshot();

    /// <summary>Bodies that broke the OpenAPI request schema or one of Discord's extra rules; tests assert it is empty.</summary>
    public IReadOnlyList<string> SchemaViolations
    {
        get { lock (_violationsLock) { return [.. _violations]; } }
    }

    /// <summary>429s the fake sent because the client broke a limit (injected 429s are not counted).</summary>
    public int RateLimitedResponses => _limiter.TooManyRequests;

    /// <summary>Answers that came from injected faults.</summary>
    public int InjectedFaultResponses => _faults.Answered;

    /// <summary>Messages created so far (channel messages, follow-ups, originals, forum starters).</summary>
    public int MessageCount => _messages.Count;

    /// <summary>Waits (without polling) until <paramref name="count"/> recorded requests match.</summary>
    public Task<IReadOnlyList<RecordedRequest>> WaitForRequestsAsync(Func<RecordedRequest, bool> predicate, int count = 1, TimeSpan? timeout = null) =>
        _recorder.WaitAsync(predicate, count, timeout ?? TimeSpan.FromSeconds(10));

    /// <summary>Queues any fault; see the shortcuts below.</summary>
    public void InjectFault(RestFault fault) => _faults.Add(fault);

    /// <summary>Answers 429 with the given scope and retry_after. <paramref name="route"/> is "METHOD /template" (OpenAPI names) or null for any.</summary>
    public void InjectRateLimit(RateLimitScope scope, TimeSpan retryAfter, string? route = null, int times = 1) =>
        _faults.Add(new RestFault(route, 429, 0, "You are being rate limited.", scope, retryAfter, Times: times));

    public void InjectServerError(int status = 500, string? route = null, int times = 1) =>
        _faults.Add(new RestFault(route, status, 0, status == 502 ? "502: Bad Gateway" : "500: Internal Server Error", Times: times));

    /// <summary>E.g. 403 / 50013 Missing Permissions, 403 / 50001 Missing Access, 404 / 10003 Unknown Channel.</summary>
    public void InjectError(int status, int code, string message, string? route = null, int times = 1) =>
        _faults.Add(new RestFault(route, status, code, message, Times: times));

    /// <summary>
    /// Answers 429 as Cloudflare does when it bans the IP (too many invalid requests): an HTML page with
    /// Retry-After and none of the API's rate-limit headers or JSON.
    /// </summary>
    public void InjectCloudflareBan(TimeSpan retryAfter, string? route = null, int times = 1) =>
        _faults.Add(new RestFault(route, 429, RetryAfter: retryAfter, Times: times, FromCloudflare: true));

    public void InjectLatency(TimeSpan latency, string? route = null, int times = 1) =>
        _faults.Add(new RestFault(route, 0, Latency: latency, Times: times));

    partial void MapRest(WebApplication app)
    {
        _limiter = new FakeRateLimiter(Options);
        _bodyChecks = new RequestBodyChecks(OpenApiRequestSchemas.Instance);
        _messages = new FakeMessageStore(Options);
        _routes = new FakeRestHandlers(Options, _messages, () => GatewayUrl).Routes;
        app.Map(ApiPrefix + "/{**path}", HandleRestAsync);
    }

    private const string BodyReadAtKey = "fake-discord:body-read-at";
    private const string StartedAtKey = "fake-discord:started-at";

    private async Task HandleRestAsync(HttpContext context)
    {
        context.Items[StartedAtKey] = Options.RestTimeProvider.GetUtcNow();
        var request = context.Request;
        var path = request.Path.Value![ApiPrefix.Length..];
        var multipart = (request.ContentType ?? "").StartsWith("multipart/form-data", StringComparison.Ordinal);
        IReadOnlyList<RecordedFile> files = [];
        IReadOnlyList<string> uploadProblems = [];
        string bodyText;
        if (multipart)
        {
            (bodyText, files, uploadProblems) = await MultipartRules.ReadAsync(request);
        }
        else
        {
            bodyText = await ReadBodyAsync(request);
        }

        context.Items[BodyReadAtKey] = Options.RestTimeProvider.GetUtcNow();

        var matched = Match(request.Method, path);
        var routeName = matched?.Route.Name ?? "";

        if (_faults.Take(routeName, latency: true) is { } slow)
        {
            await Task.Delay(slow.Latency, Options.RestTimeProvider, context.RequestAborted);
        }

        JsonElement? body = null;
        if (bodyText.Length > 0)
        {
            try
            {
                body = JsonDocument.Parse(bodyText).RootElement.Clone();
            }
            catch (JsonException)
            {
                await AnswerAsync(context, routeName, path, bodyText, null, FakeRestAnswer.Error(400, 50109, "The request body contains invalid JSON."), files);
                return;
            }
        }

        FakeRestAnswer answer;
        try
        {
            answer = Decide(request, matched, routeName, bodyText, body, context.Response, multipart, uploadProblems);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A bug in the fake must be visible to the test, not look like a Discord outage to retry.
            lock (_violationsLock)
            {
                _violations.Add($"{routeName}: the fake itself failed: {ex}");
            }

            answer = FakeRestAnswer.Error(500, 0, "fake failure: " + ex.Message);
        }

        await AnswerAsync(context, routeName, path, bodyText, body, answer, files);
    }

    private FakeRestAnswer Decide(
        HttpRequest request, FakeRestRequest? matched, string routeName, string bodyText, JsonElement? body, HttpResponse response,
        bool multipart, IReadOnlyList<string> uploadProblems)
    {
        if (!string.Equals(request.Headers.Authorization.ToString(), "Bot " + Options.Token, StringComparison.Ordinal))
        {
            return FakeRestAnswer.Error(401, 0, "401: Unauthorized");
        }

        if (!request.Headers.UserAgent.ToString().StartsWith("DiscordBot (", StringComparison.Ordinal))
        {
            return FakeRestAnswer.Error(403, 40333, "internal network error"); // Cloudflare's answer to a bad User-Agent
        }

        if (matched is null)
        {
            return FakeRestAnswer.Error(404, 0, "404: Not Found");
        }

        if (multipart && body is null)
        {
            Violate(routeName, uploadProblems.DefaultIfEmpty("multipart: no payload_json part"));
            return FakeRestAnswer.Error(400, 50035, "Invalid Form Body: " + string.Join("; ", uploadProblems));
        }

        if (body is { } json)
        {
            if (!multipart && !(request.ContentType ?? "").StartsWith("application/json", StringComparison.Ordinal))
            {
                return FakeRestAnswer.Error(400, 50035, "Invalid Form Body: Content-Type must be application/json");
            }

            // payload_json is checked against the route's JSON schema exactly like a JSON body.
            var violations = _bodyChecks.Validate(routeName, bodyText, json).Concat(BodyRules.Check(routeName, json)).Concat(uploadProblems).ToList();
            if (violations.Count > 0)
            {
                lock (_violationsLock)
                {
                    _violations.AddRange(violations.Select(v => $"{routeName}: {v}"));
                }

                return new FakeRestAnswer(400, new JsonObject
                {
                    ["message"] = "Invalid Form Body",
                    ["code"] = 50035,
                    ["errors"] = new JsonObject { ["_errors"] = new JsonArray([.. violations.Select(v => (JsonNode)new JsonObject { ["code"] = "BASE_TYPE_INVALID", ["message"] = v })]) },
                });
            }
        }

        if (_faults.Take(routeName, latency: false) is { } fault)
        {
            return Fault(fault, response);
        }

        var decision = _limiter.Check(matched.Route, FakeRoute.MajorParameter(matched.Parameters));
        if (decision.Bucket is { } bucket)
        {
            WriteBucketHeaders(response, bucket);
        }

        if (!decision.Allowed)
        {
            return TooManyRequests(response, decision.Scope, decision.RetryAfter);
        }

        return _routes.First(r => r.Route == matched.Route).Handle(matched with
        {
            Body = body,
            Query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal),
        });
    }

    private void Violate(string routeName, IEnumerable<string> problems)
    {
        lock (_violationsLock)
        {
            _violations.AddRange(problems.Select(v => $"{routeName}: {v}"));
        }
    }

    private static FakeRestAnswer Fault(RestFault fault, HttpResponse response)
    {
        if (fault.FromCloudflare)
        {
            response.Headers["Retry-After"] = Math.Ceiling(fault.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return new FakeRestAnswer(fault.Status, null)
            {
                Html = "<!DOCTYPE html><html><head><title>Access denied | discord.com used Cloudflare to restrict access</title></head><body><h1>Error 1015</h1><p>You are being rate limited</p></body></html>",
            };
        }

        if (fault.Status != 429)
        {
            return FakeRestAnswer.Error(fault.Status, fault.Code, fault.Message);
        }

        var scope = fault.Scope.ToString().ToLowerInvariant();
        return TooManyRequests(response, scope, fault.RetryAfter);
    }

    private static FakeRestAnswer TooManyRequests(HttpResponse response, string scope, TimeSpan retryAfter)
    {
        var seconds = Math.Ceiling(retryAfter.TotalMilliseconds) / 1000.0;
        response.Headers["Retry-After"] = Math.Ceiling(seconds).ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Scope"] = scope;
        if (scope == "global")
        {
            response.Headers["X-RateLimit-Global"] = "true";
        }

        return new FakeRestAnswer(429, new JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = seconds,
            ["global"] = scope == "global",
        });
    }

    private void WriteBucketHeaders(HttpResponse response, BucketState bucket)
    {
        // Round up so a client that trusts Reset-After never comes back a moment too early.
        var resetAfter = Math.Ceiling(bucket.ResetAfter.TotalMilliseconds) / 1000.0;
        response.Headers["X-RateLimit-Limit"] = bucket.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Remaining"] = bucket.Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset"] = (Math.Ceiling(bucket.ResetAt.ToUnixTimeMilliseconds() / 1.0) / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Reset-After"] = resetAfter.ToString("0.000", CultureInfo.InvariantCulture);
        response.Headers["X-RateLimit-Bucket"] = bucket.Hash;
    }

    private async Task AnswerAsync(
        HttpContext context, string routeName, string path, string bodyText, JsonElement? body, FakeRestAnswer answer, IReadOnlyList<RecordedFile> files)
    {
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var recorded = new RecordedRequest(
            context.Request.Method,
            path,
            routeName,
            headers,
            bodyText.Length == 0 ? null : bodyText,
            body,
            answer.Status,
            Options.RestTimeProvider.GetUtcNow())
        {
            Files = files,
            BodyReadAt = context.Items.TryGetValue(BodyReadAtKey, out var read) ? read as DateTimeOffset? : null,
            StartedAt = context.Items.TryGetValue(StartedAtKey, out var started) ? started as DateTimeOffset? : null,
        };
        _recorder.Add(recorded);
        if (!await HoldAnswerAsync(recorded, context.RequestAborted))
        {
            return;
        }

        answer = LostAnswer(recorded) ?? answer;

        context.Response.StatusCode = answer.Status;
        if (answer.Html is not null)
        {
            context.Response.ContentType = "text/html; charset=UTF-8";
            await context.Response.WriteAsync(answer.Html, context.RequestAborted);
        }
        else if (answer.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Body.ToJsonString(), context.RequestAborted);
        }
    }

    private FakeRestRequest? Match(string method, string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var (route, _) in _routes)
        {
            if (route.TryMatch(method, segments, out var parameters))
            {
                return new FakeRestRequest(route, parameters, null);
            }
        }

        return null;
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }
}
