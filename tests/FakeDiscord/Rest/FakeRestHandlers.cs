using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeDiscord.Rest;

/// <summary>A matched request as the route handlers see it.</summary>
internal sealed record FakeRestRequest(FakeRoute Route, Dictionary<string, string> Parameters, JsonElement? Body)
{
    /// <summary>The query string's parameters (?before=…&amp;limit=…).</summary>
    public IReadOnlyDictionary<string, string> Query { get; init; } = new Dictionary<string, string>();
}

/// <summary>An answer: status plus JSON body (null for 204).</summary>
internal sealed record FakeRestAnswer(int Status, JsonNode? Body)
{
    /// <summary>An HTML page instead of JSON, as Cloudflare answers in front of the API.</summary>
    public string? Html { get; init; }

    public static FakeRestAnswer Error(int status, int code, string message) =>
        new(status, new JsonObject { ["message"] = message, ["code"] = code });
}

/// <summary>What each REST route does, in Discord's shape (OpenAPI response schemas, the fields the bot reads and a few more).</summary>
internal sealed class FakeRestHandlers(FakeDiscordOptions options, FakeMessageStore messages, Func<Uri> gatewayUrl)
{
    public IReadOnlyList<(FakeRoute Route, Func<FakeRestRequest, FakeRestAnswer> Handle)> Routes =>
    [
        (new FakeRoute("GET", "/applications/@me", false), _ => Ok(Application())),
        (new FakeRoute("GET", "/gateway/bot", false), _ => Ok(GatewayBot())),
        (new FakeRoute("PUT", "/applications/{application_id}/commands", false), BulkOverwriteCommands),
        (new FakeRoute("PUT", "/applications/{application_id}/guilds/{guild_id}/commands", false), BulkOverwriteCommands),
        (new FakeRoute("POST", "/interactions/{interaction_id}/{interaction_token}/callback", true), Callback),
        (new FakeRoute("PATCH", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", true), EditOriginal),
        (new FakeRoute("DELETE", "/webhooks/{webhook_id}/{webhook_token}/messages/@original", true), _ => new FakeRestAnswer(204, null)),
        (new FakeRoute("POST", "/webhooks/{webhook_id}/{webhook_token}", true), CreateFollowup),
        (new FakeRoute("POST", "/channels/{channel_id}/messages", false), r => Ok(messages.Create(r.Parameters["channel_id"], r.Body ?? default))),
        (new FakeRoute("PATCH", "/channels/{channel_id}/messages/{message_id}", false), EditMessage),
        (new FakeRoute("DELETE", "/channels/{channel_id}/messages/{message_id}", false), DeleteMessage),
        (new FakeRoute("POST", "/channels/{channel_id}/threads", false), CreateThread),
        (new FakeRoute("DELETE", "/channels/{channel_id}", false), DeleteChannel),
        (new FakeRoute("PATCH", "/channels/{channel_id}", false), ModifyChannel),
        (new FakeRoute("GET", "/guilds/{guild_id}", false), Guild),
        (new FakeRoute("GET", "/guilds/{guild_id}/threads/active", false), _ => Ok(new JsonObject { ["threads"] = new JsonArray([.. messages.Threads(archived: false)]), ["members"] = new JsonArray() })),
        (new FakeRoute("GET", "/channels/{channel_id}/threads/archived/public", false), PublicArchivedThreads),
    ];

    private static FakeRestAnswer Ok(JsonNode body) => new(200, body);

    /// <summary>Interactions already answered: Discord takes one callback per interaction.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _acknowledged = new(StringComparer.Ordinal);

    /// <summary>A second callback for the same interaction is refused as Discord refuses it: 400, code 40060.</summary>
    private FakeRestAnswer Callback(FakeRestRequest request) =>
        _acknowledged.TryAdd(request.Parameters["interaction_id"], true)
            ? new FakeRestAnswer(204, null)
            : FakeRestAnswer.Error(400, 40060, "Interaction has already been acknowledged.");

    /// <summary>A server with the fields the bot reads and a few more of Discord's guild object.</summary>
    private FakeRestAnswer Guild(FakeRestRequest request)
    {
        var id = ulong.Parse(request.Parameters["guild_id"], CultureInfo.InvariantCulture);
        return Ok(new JsonObject
        {
            ["id"] = Id(id),
            ["name"] = "Fake server",
            ["owner_id"] = Id(options.BotUserId),
            ["system_channel_id"] = options.GuildSystemChannels.TryGetValue(id, out var system) ? Id(system) : null,
            ["roles"] = new JsonArray(),
        });
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);

    private JsonObject Application() => new()
    {
        ["id"] = Id(options.ApplicationId),
        ["name"] = "ReviewBot",
        ["description"] = "",
        ["icon"] = null,
        ["bot_public"] = true,
        ["bot_require_code_grant"] = false,
        ["verify_key"] = "0000000000000000000000000000000000000000000000000000000000000000",
        ["flags"] = 0,
        ["bot"] = new JsonObject { ["id"] = Id(options.BotUserId), ["username"] = "ReviewBot", ["discriminator"] = "0", ["bot"] = true },
    };

    private JsonObject GatewayBot() => new()
    {
        ["url"] = gatewayUrl().AbsoluteUri.TrimEnd('/'),
        ["shards"] = options.GatewayBotShards,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = 1000,
            ["remaining"] = options.SessionStartsRemaining,
            ["reset_after"] = options.SessionStartResetAfterMs,
            ["max_concurrency"] = options.GatewayBotMaxConcurrency,
        },
    };

    private FakeRestAnswer BulkOverwriteCommands(FakeRestRequest request)
    {
        if (request.Body is not { ValueKind: JsonValueKind.Array } commands)
        {
            return FakeRestAnswer.Error(400, 50035, "Invalid Form Body");
        }

        var result = new JsonArray();
        foreach (var command in commands.EnumerateArray())
        {
            var node = JsonNode.Parse(command.GetRawText())!.AsObject();
            node["id"] = Id(messages.NextId());
            node["application_id"] = Id(options.ApplicationId);
            node["version"] = Id(messages.NextId());
            node["type"] ??= 1;
            if (request.Parameters.TryGetValue("guild_id", out var guild))
            {
                node["guild_id"] = guild;
            }

            if (node["default_member_permissions"] is JsonValue permissions)
            {
                node["default_member_permissions"] = permissions.ToString(); // Discord answers with a string
            }

            result.Add(node);
        }

        return Ok(result);
    }

    private FakeRestAnswer EditOriginal(FakeRestRequest request) =>
        Ok(messages.EditOriginal("0", request.Parameters["webhook_token"], request.Body ?? default));

    private FakeRestAnswer CreateFollowup(FakeRestRequest request) =>
        Ok(messages.Create("0", request.Body ?? default));

    private FakeRestAnswer EditMessage(FakeRestRequest request)
    {
        try
        {
            var edited = ulong.TryParse(request.Parameters["message_id"], out var id) ? messages.Edit(id, request.Body ?? default) : null;
            return edited is null ? FakeRestAnswer.Error(404, 10008, "Unknown Message") : Ok(edited);
        }
        catch (InvalidOperationException)
        {
            // A message in an archived thread (a forum post nobody wrote in for its auto-archive duration) cannot be edited.
            return FakeRestAnswer.Error(400, 50083, "Thread is archived");
        }
    }

    /// <summary>PATCH /channels/{channel_id}: only what the bot sends, <c>archived: false</c> on a thread the fake created.</summary>
    private FakeRestAnswer ModifyChannel(FakeRestRequest request)
    {
        var id = request.Parameters["channel_id"];
        if (request.Body is not { ValueKind: JsonValueKind.Object } body
            || !body.TryGetProperty("archived", out var archived) || archived.ValueKind != JsonValueKind.False)
        {
            return FakeRestAnswer.Error(400, 50035, "Invalid Form Body");
        }

        return messages.Unarchive(id) ? Ok(messages.Thread(id)!) : FakeRestAnswer.Error(404, 10003, "Unknown Channel");
    }

    private FakeRestAnswer DeleteMessage(FakeRestRequest request) =>
        ulong.TryParse(request.Parameters["message_id"], CultureInfo.InvariantCulture, out var id) && messages.Delete(id)
            ? new FakeRestAnswer(204, null)
            : FakeRestAnswer.Error(404, 10008, "Unknown Message");

    /// <summary>Only the threads the fake made can be deleted: it keeps no other channels.</summary>
    private FakeRestAnswer DeleteChannel(FakeRestRequest request) =>
        messages.DeleteThread(request.Parameters["channel_id"]) is { } thread ? Ok(thread) : FakeRestAnswer.Error(404, 10003, "Unknown Channel");

    private FakeRestAnswer CreateThread(FakeRestRequest request)
    {
        var body = request.Body ?? default;
        var threadId = messages.NextId();

        // A forum post's starter message has the thread's id and lives in the thread.
        var starter = body.TryGetProperty("message", out var message) ? messages.Create(Id(threadId), message, threadId) : null;
        return Ok(messages.AddThread(new JsonObject
        {
            ["id"] = Id(threadId),
            ["type"] = 11,
            ["guild_id"] = "1",
            ["parent_id"] = request.Parameters["channel_id"],
            ["name"] = body.TryGetProperty("name", out var name) ? name.GetString() : "",
            ["owner_id"] = Id(options.BotUserId),
            ["message_count"] = 0,
            ["member_count"] = 1,
            ["thread_metadata"] = new JsonObject { ["archived"] = false, ["auto_archive_duration"] = 4320, ["archive_timestamp"] = options.RestTimeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), ["locked"] = false },
            ["message"] = starter,
        }));
    }

    /// <summary>
    /// A channel's archived public threads, most recently archived first, those archived before
    /// <c>before</c> (an ISO 8601 time) when it is given, at most <c>limit</c> (1–100, 50 unless given).
    /// </summary>
    private FakeRestAnswer PublicArchivedThreads(FakeRestRequest request)
    {
        var channelId = request.Parameters["channel_id"];
        var before = request.Query.TryGetValue("before", out var text) ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : DateTimeOffset.MaxValue;
        var limit = request.Query.TryGetValue("limit", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : 50;
        var archived = messages.Threads(archived: true)
            .Where(t => (string?)t["parent_id"] == channelId)
            .Select(t => (Thread: t, At: DateTimeOffset.Parse((string)t["thread_metadata"]!["archive_timestamp"]!, CultureInfo.InvariantCulture)))
            .Where(t => t.At < before)
            .OrderByDescending(t => t.At)
            .ToList();
        return Ok(new JsonObject
        {
            ["threads"] = new JsonArray([.. archived.Take(limit).Select(t => t.Thread)]),
            ["members"] = new JsonArray(),
            ["has_more"] = archived.Count > limit,
        });
    }
}
