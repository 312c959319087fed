using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json;
using FakeDiscord.Rest;
using ReviewBot.Reviews;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;

namespace ReviewBot.Tests.Infrastructure;

/// <summary>An option as a user fills it in: strings become string options, whole numbers integer options.</summary>
public sealed record SlashOption(string Name, object Value, bool Focused = false);

/// <summary>An interaction sent and the first response the bot wrote for it (the callback).</summary>
public sealed record InteractionExchange(string InteractionId, string Token, RecordedRequest Callback)
{
    public InteractionCallbackType Type => BotHost.CallbackType(Callback);

    public JsonElement Data => Callback.Body!.Value.GetProperty("data");

    public bool IsEphemeral => BotHost.IsEphemeral(Data);

    public string Content => Data.TryGetProperty("content", out var content) ? content.GetString() ?? "" : "";

    public JsonElement Embed => Data.GetProperty("embeds")[0];

    /// <summary>The first embed's fields as (name, value), in order.</summary>
    public IReadOnlyList<(string Name, string Value)> Fields =>
        Embed.GetProperty("fields").EnumerateArray().Select(f => (f.GetProperty("name").GetString()!, f.GetProperty("value").GetString()!)).ToList();

    /// <summary>The value of the first embed's field called <paramref name="name"/>.</summary>
    public string Field(string name) => Fields.Single(f => f.Name == name).Value;

    /// <summary>The first component of the first action row (the reply's link button, if it has one).</summary>
    public JsonElement FirstComponent => Data.GetProperty("components")[0].GetProperty("components")[0];

    /// <summary>True when allowed_mentions parses nothing, so the reply pings nobody.</summary>
    public bool PingsNobody => Data.GetProperty("allowed_mentions").GetProperty("parse").GetArrayLength() == 0;

    /// <summary>Every custom_id of the reply's components, in order.</summary>
    public IReadOnlyList<string> CustomIds => Data.TryGetProperty("components", out var rows)
        ? rows.EnumerateArray().SelectMany(r => r.GetProperty("components").EnumerateArray())
            .Where(c => c.TryGetProperty("custom_id", out _)).Select(c => c.GetProperty("custom_id").GetString()!).ToList()
        : [];
}

public sealed partial class BotHost
{
    /// <summary>The type of a recorded callback request.</summary>
    public static InteractionCallbackType CallbackType(RecordedRequest callback) =>
        (InteractionCallbackType)callback.Body!.Value.GetProperty("type").GetInt32();

    /// <summary>Whether a message body (a reply's data, a follow-up) carries the ephemeral flag.</summary>
    public static bool IsEphemeral(JsonElement message) =>
        message.TryGetProperty("flags", out var flags) && ((MessageFlags)flags.GetInt32()).HasFlag(MessageFlags.Ephemeral);

    /// <summary>View Channel, Send Messages, Embed Links, Read Message History and Send in Threads: no Attach Files.</summary>
    public const string WithoutAttachFiles = "274877991936";

    /// <summary>The same plus Attach Files (1 &lt;&lt; 15).</summary>
    public const string WithAttachFiles = "274878024704";

    /// <summary>What the bot may do where interactions are sent from (app_permissions).</summary>
    public string AppPermissions { get; set; } = WithoutAttachFiles;

    /// <summary>Sends a slash command and waits for its callback.</summary>
    public Task<InteractionExchange> SlashAsync(string command, params SlashOption[] options) =>
        SlashInAsync(ChannelId, command, options);

    public Task<InteractionExchange> SlashInAsync(ulong channelId, string command, params SlashOption[] options) =>
        SendAsync(InteractionType.ApplicationCommand, channelId, SlashData(command, options));

    /// <summary>The data of a slash command interaction (<see cref="InteractionType.ApplicationCommand"/>).</summary>
    public static JsonObject SlashData(string command, params SlashOption[] options) => new()
    {
        ["id"] = "1400000000000000001",
        ["name"] = command,
        ["type"] = 1,
        ["options"] = Options(options),
    };

    /// <summary>
    /// A slash command in the bot's DM by someone who installed the app to their account: no guild_id
    /// and no member, only <c>user</c>, context 1, and the DM channel.
    /// </summary>
    public async Task<InteractionExchange> SlashInDmAsync(string command, params SlashOption[] options)
    {
        var (id, token) = await DispatchInteractionAsync(InteractionType.ApplicationCommand, DmChannelId, new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = command,
            ["type"] = 1,
            ["options"] = Options(options),
        }, inDm: true);
        return new InteractionExchange(id, token, await WaitForCallbackAsync(id));
    }

    /// <summary>Autocomplete while the user types <paramref name="typed"/> into <paramref name="option"/>.</summary>
    public Task<InteractionExchange> AutocompleteAsync(string command, string option, string typed, params SlashOption[] others) =>
        SendAsync(InteractionType.ApplicationCommandAutocomplete, ChannelId, new JsonObject
        {
            ["id"] = "1400000000000000001",
            ["name"] = command,
            ["type"] = 1,
            ["options"] = Options([.. others, new SlashOption(option, typed, Focused: true)]),
        });

    /// <summary>Clicks a button (or picks <paramref name="values"/> in a select menu) on a message the bot sent.</summary>
    public Task<InteractionExchange> ClickAsync(string customId, params string[] values) =>
        SendAsync(InteractionType.MessageComponent, ChannelId, new JsonObject
        {
            ["custom_id"] = customId,
            ["component_type"] = values.Length == 0 ? 2 : 3,
            ["values"] = values.Length == 0 ? null : new JsonArray([.. values.Select(v => JsonValue.Create(v))]),
        });

    /// <summary>
    /// Presses <paramref name="customId"/> as member <paramref name="presser"/> on a message the bot
    /// answered <paramref name="asker"/>'s command with, as Discord names the asker: in the message's
    /// interaction_metadata, or only in the older <c>interaction</c> object
    /// (<paramref name="askerInOlderField"/>); null for a message no one asked for. An
    /// <paramref name="ephemeral"/> message is one only its asker sees.
    /// </summary>
    public async Task<InteractionExchange> PressOnAnswerAsync(
        string customId, ulong presser, ulong? asker, bool ephemeral = false, bool askerInOlderField = false)
    {
        var message = new JsonObject
        {
            ["id"] = "1700000000000000001",
            ["channel_id"] = ChannelId.ToString(CultureInfo.InvariantCulture),
        };
        if (asker is { } id)
        {
            var user = new JsonObject { ["id"] = id.ToString(CultureInfo.InvariantCulture), ["username"] = "asker" };
            message[askerInOlderField ? "interaction" : "interaction_metadata"] = askerInOlderField
                ? new JsonObject { ["id"] = "1700000000000000002", ["type"] = 2, ["name"] = "episode", ["user"] = user }
                : new JsonObject { ["id"] = "1700000000000000002", ["type"] = 2, ["user"] = user, ["authorizing_integration_owners"] = new JsonObject() };
        }

        if (ephemeral)
        {
            message["flags"] = (int)MessageFlags.Ephemeral;
        }

        var (interactionId, token) = await DispatchInteractionAsync(
            InteractionType.MessageComponent, ChannelId, new JsonObject { ["custom_id"] = customId, ["component_type"] = 2 }, message: message, userId: presser);
        return new InteractionExchange(interactionId, token, await WaitForCallbackAsync(interactionId));
    }

    /// <summary>
    /// Picks <paramref name="value"/> in the select menu <paramref name="customId"/> of a message the bot
    /// answered with, as member <paramref name="userId"/>: the interaction carries that message's
    /// embeds and components, as Discord's does.
    /// </summary>
    public async Task<InteractionExchange> SelectOnAsync(JsonElement messageData, string customId, string value, ulong userId = UserId)
    {
        var message = new JsonObject
        {
            ["id"] = "1700000000000000001",
            ["channel_id"] = ChannelId.ToString(CultureInfo.InvariantCulture),
            ["content"] = messageData.TryGetProperty("content", out var content) ? content.GetString() : "",
            ["embeds"] = JsonNode.Parse(messageData.GetProperty("embeds").GetRawText()),
            // An UPDATE_MESSAGE answer without components keeps the message's; the handler reads only the embeds.
            ["components"] = messageData.TryGetProperty("components", out var components) ? JsonNode.Parse(components.GetRawText()) : new JsonArray(),
        };
        var (id, token) = await DispatchInteractionAsync(InteractionType.MessageComponent, ChannelId, new JsonObject
        {
            ["custom_id"] = customId,
            ["component_type"] = 3,
            ["values"] = new JsonArray(JsonValue.Create(value)),
        }, message: message, userId: userId);
        return new InteractionExchange(id, token, await WaitForCallbackAsync(id));
    }

    /// <summary>Dispatches INTERACTION_CREATE without waiting; await <see cref="WaitForCallbackAsync"/> with the returned id.</summary>
    public async Task<(string Id, string Token)> DispatchInteractionAsync(
        InteractionType type, ulong channelId, JsonObject data, bool inDm = false, JsonObject? message = null, ulong userId = UserId)
    {
        var (id, token, payload) = InteractionPayload(type, channelId, data, inDm, message, userId);
        await Discord.DispatchAsync("INTERACTION_CREATE", payload);
        return (id, token);
    }

    /// <summary>Dispatches <paramref name="count"/> of the slash command <paramref name="command"/> at once, without waiting for their answers.</summary>
    public Task<(string Id, string Token)[]> DispatchCommandsAsync(string command, int count) =>
        Task.WhenAll(Enumerable.Range(0, count).Select(_ =>
            DispatchInteractionAsync(InteractionType.ApplicationCommand, ChannelId, new JsonObject { ["id"] = "1400000000000000001", ["name"] = command, ["type"] = 1 })));

    /// <summary>An interaction as Discord sends it, by the gateway or to the HTTP endpoint, with a fresh id and token.</summary>
    public (string Id, string Token, JsonObject Payload) InteractionPayload(
        InteractionType type, ulong channelId, JsonObject data, bool inDm = false, JsonObject? message = null, ulong userId = UserId)
    {
        var id = Interlocked.Increment(ref _nextId).ToString(CultureInfo.InvariantCulture);
        var token = "interaction-token-" + id;
        var payload = new JsonObject
        {
            ["id"] = id,
            ["application_id"] = Discord.Options.ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = (int)type,
            ["token"] = token,
            ["version"] = 1,
            ["guild_id"] = GuildId.ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
            ["member"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = userId.ToString(CultureInfo.InvariantCulture), ["username"] = "mika" },
                ["roles"] = new JsonArray(),
                ["permissions"] = "2147483648",
            },
            ["app_permissions"] = AppPermissions,
            ["context"] = 0,
            ["locale"] = "en-US",
            ["data"] = data,
        };
        if (inDm)
        {
            // As Discord sends it for a user-installed app in its DM (docs: Interaction Object): the invoker
            // is `user`; there is no guild and no member, and app_permissions covers the DM.
            payload.Remove("guild_id");
            payload.Remove("member");
            payload["user"] = new JsonObject { ["id"] = UserId.ToString(CultureInfo.InvariantCulture), ["username"] = "mika" };
            payload["context"] = 1;
            payload["channel"] = new JsonObject { ["id"] = channelId.ToString(CultureInfo.InvariantCulture), ["type"] = 1 };
            payload["authorizing_integration_owners"] = new JsonObject { ["1"] = UserId.ToString(CultureInfo.InvariantCulture) };
        }

        if (type == InteractionType.MessageComponent)
        {
            // By default the member presses a component on the answer to their own command.
            payload["message"] = message ?? new JsonObject
            {
                ["id"] = "1700000000000000001",
                ["channel_id"] = channelId.ToString(CultureInfo.InvariantCulture),
                ["interaction_metadata"] = new JsonObject
                {
                    ["id"] = "1700000000000000002",
                    ["type"] = 2,
                    ["user"] = new JsonObject { ["id"] = userId.ToString(CultureInfo.InvariantCulture), ["username"] = "mika" },
                    ["authorizing_integration_owners"] = new JsonObject(),
                },
            };
        }

        return (id, token, payload);
    }

    public async Task<RecordedRequest> WaitForCallbackAsync(string interactionId) =>
        (await Discord.WaitForRequestsAsync(r => IsCallbackFor(r, interactionId), 1, Timeout))[0];

    /// <summary>The PATCH of @original (after a defer) for an interaction token.</summary>
    public async Task<RecordedRequest> WaitForOriginalEditAsync(string token) =>
        (await Discord.WaitForRequestsAsync(r => r.Method == "PATCH" && r.Path.Contains(token, StringComparison.Ordinal) && r.Path.EndsWith("/messages/@original", StringComparison.Ordinal), 1, Timeout))[0];

    public static bool IsCallbackFor(RecordedRequest request, string interactionId) =>
        request.Method == "POST" && request.Path.Contains($"/interactions/{interactionId}/", StringComparison.Ordinal) && request.Path.EndsWith("/callback", StringComparison.Ordinal);

    private async Task<InteractionExchange> SendAsync(InteractionType type, ulong channelId, JsonObject data)
    {
        var (id, token) = await DispatchInteractionAsync(type, channelId, data);
        return new InteractionExchange(id, token, await WaitForCallbackAsync(id));
    }

    private static JsonArray Options(IEnumerable<SlashOption> options) =>
        new([.. options.Select(o =>
        {
            var option = new JsonObject
            {
                ["name"] = o.Name,
                ["type"] = (int)(o.Value is string ? ApplicationCommandOptionType.String : ApplicationCommandOptionType.Integer),
                ["value"] = o.Value is string text ? JsonValue.Create(text) : JsonValue.Create(Convert.ToInt64(o.Value, CultureInfo.InvariantCulture)),
            };
            if (o.Focused)
            {
                option["focused"] = true;
            }

            return (JsonNode)option;
        })]);
}
