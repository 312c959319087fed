using System.Text.Json;
using System.Text.Json.Nodes;

namespace FakeDiscord.Rest;

/// <summary>
/// Messages and threads the fake created: snowflake ids from the fake's clock, edits merged into
/// stored messages, and nonce + enforce_nonce dedupe (same author and nonce within the window
/// returns the existing message instead of creating another).
/// </summary>
internal sealed class FakeMessageStore(FakeDiscordOptions options)
{
    private const long DiscordEpochMilliseconds = 1420070400000;

    private readonly Lock _lock = new();
    private readonly Dictionary<ulong, JsonObject> _messages = [];
    private readonly Dictionary<string, (ulong Id, DateTimeOffset At)> _nonces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ulong> _originals = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _threads = [];
    private long _increment;

    public int Count
    {
        get { lock (_lock) { return _messages.Count; } }
    }

    public ulong NextId()
    {
        var ms = options.RestTimeProvider.GetUtcNow().ToUnixTimeMilliseconds() - DiscordEpochMilliseconds;
        var increment = (ulong)(Interlocked.Increment(ref _increment) & 0x3FFFFF);
        return ((ulong)ms << 22) | increment;
    }

    /// <summary>Creates a message, or returns the one already created with this nonce when enforce_nonce is set.</summary>
    public JsonObject Create(string channelId, JsonElement body, ulong? id = null)
    {
        var now = options.RestTimeProvider.GetUtcNow();
        lock (_lock)
        {
            var nonce = body.TryGetProperty("nonce", out var n) && n.ValueKind is JsonValueKind.String or JsonValueKind.Number ? n.ToString() : null;
            var enforce = body.TryGetProperty("enforce_nonce", out var e) && e.ValueKind == JsonValueKind.True;
            if (enforce && nonce is not null && _nonces.TryGetValue(nonce, out var seen) && now - seen.At < options.NonceWindow)
            {
                return (JsonObject)_messages[seen.Id].DeepClone();
            }

            var messageId = id ?? NextId();
            var message = new JsonObject
            {
                ["id"] = messageId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["channel_id"] = channelId,
                ["type"] = 0,
                ["author"] = new JsonObject
                {
                    ["id"] = options.BotUserId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ["username"] = "ReviewBot",
                    ["discriminator"] = "0",
                    ["bot"] = true,
                },
                ["content"] = "",
                ["embeds"] = new JsonArray(),
                ["components"] = new JsonArray(),
                ["attachments"] = new JsonArray(),
                ["mentions"] = new JsonArray(),
                ["mention_roles"] = new JsonArray(),
                ["mention_everyone"] = false,
                ["pinned"] = false,
                ["tts"] = false,
                ["timestamp"] = now.ToString("O"),
                ["edited_timestamp"] = null,
                ["flags"] = 0,
            };
            Merge(message, body);
            if (nonce is not null)
            {
                message["nonce"] = JsonNode.Parse(n.GetRawText());
                if (enforce)
                {
                    _nonces[nonce] = (messageId, now);
                }
            }

            _messages[messageId] = message;
            return (JsonObject)message.DeepClone();
        }
    }

    /// <summary>Applies an edit; null when the message does not exist (Discord: 10008 Unknown Message).</summary>
    /// <exception cref="InvalidOperationException">The message is in an archived thread, where Discord edits nothing (50083).</exception>
    public JsonObject? Edit(ulong messageId, JsonElement body)
    {
        lock (_lock)
        {
            if (!_messages.TryGetValue(messageId, out var message))
            {
                return null;
            }

            if (IsArchivedThread((string?)message["channel_id"]))
            {
                throw new InvalidOperationException("Thread is archived");
            }

            Merge(message, body);
            message["edited_timestamp"] = options.RestTimeProvider.GetUtcNow().ToString("O");
            return (JsonObject)message.DeepClone();
        }
    }

    /// <summary>Deletes a message; false when it does not exist (Discord: 10008 Unknown Message).</summary>
    public bool Delete(ulong messageId)
    {
        lock (_lock)
        {
            return _messages.Remove(messageId);
        }
    }

    /// <summary>
    /// Deletes a thread (a forum post) with its messages, as DELETE /channels/{id} does; null when no
    /// thread of the fake has that id (Discord: 10003 Unknown Channel).
    /// </summary>
    public JsonObject? DeleteThread(string threadId)
    {
        lock (_lock)
        {
            var thread = _threads.Find(t => (string?)t["id"] == threadId);
            if (thread is null)
            {
                return null;
            }

            _threads.Remove(thread);
            foreach (var id in _messages.Where(m => (string?)m.Value["channel_id"] == threadId).Select(m => m.Key).ToList())
            {
                _messages.Remove(id);
            }

            return (JsonObject)thread.DeepClone();
        }
    }

    /// <summary>The original response of an interaction (created by the first edit, as after a defer).</summary>
    public JsonObject EditOriginal(string channelId, string interactionToken, JsonElement body)
    {
        ulong id;
        lock (_lock)
        {
            if (!_originals.TryGetValue(interactionToken, out id))
            {
                id = NextId();
                _originals[interactionToken] = id;
            }
        }

        return Edit(id, body) ?? Create(channelId, body, id);
    }

    /// <summary>Remembers a created thread (forum post) for the active-threads listing; returns it.</summary>
    public JsonObject AddThread(JsonObject thread)
    {
        lock (_lock)
        {
            var listed = (JsonObject)thread.DeepClone();
            listed.Remove("message"); // Discord lists threads without their starter message
            _threads.Add(listed);
        }

        return thread;
    }

    /// <summary>The threads created so far that are archived, or not (GET /guilds/{guild_id}/threads/active lists those that are not).</summary>
    public IReadOnlyList<JsonNode> Threads(bool archived)
    {
        lock (_lock)
        {
            return [.. _threads.Where(t => (bool)t["thread_metadata"]!["archived"]! == archived).Select(t => t.DeepClone())];
        }
    }

    /// <summary>
    /// Modify Channel on a thread with <c>archived: false</c>: the thread is active again (as Discord does for
    /// a member who may send messages there, the thread not being locked). False when there is no such thread.
    /// </summary>
    public bool Unarchive(string threadId)
    {
        lock (_lock)
        {
            var thread = _threads.FirstOrDefault(t => (string?)t["id"] == threadId);
            if (thread is null)
            {
                return false;
            }

            thread["thread_metadata"]!["archived"] = false;
            return true;
        }
    }

    /// <summary>The thread as listed, or null when <paramref name="threadId"/> is not a thread the fake created.</summary>
    public JsonObject? Thread(string threadId)
    {
        lock (_lock)
        {
            return (JsonObject?)_threads.FirstOrDefault(t => (string?)t["id"] == threadId)?.DeepClone();
        }
    }

    /// <summary>Archives every active thread at <paramref name="at"/>, as Discord does after a thread's auto-archive duration without activity.</summary>
    public void ArchiveThreads(DateTimeOffset at)
    {
        lock (_lock)
        {
            foreach (var thread in _threads.Where(t => !(bool)t["thread_metadata"]!["archived"]!))
            {
                thread["thread_metadata"]!["archived"] = true;
                thread["thread_metadata"]!["archive_timestamp"] = at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary>Threads created so far.</summary>
    public int ThreadCount
    {
        get { lock (_lock) { return _threads.Count; } }
    }

    private bool IsArchivedThread(string? channelId) =>
        _threads.Any(t => (string?)t["id"] == channelId && (bool)t["thread_metadata"]!["archived"]!);

    public JsonObject? Get(ulong messageId)
    {
        lock (_lock)
        {
            return _messages.TryGetValue(messageId, out var message) ? (JsonObject)message.DeepClone() : null;
        }
    }

    private static void Merge(JsonObject message, JsonElement body)
    {
        foreach (var field in new[] { "content", "embeds", "components", "flags" })
        {
            if (body.ValueKind == JsonValueKind.Object && body.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null)
            {
                message[field] = JsonNode.Parse(value.GetRawText());
            }
        }
    }
}
