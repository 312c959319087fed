namespace ReviewBot.Discord.Rest;

/// <summary>
/// One request's identity for rate limiting: the route template, the concrete path and the "major
/// parameter" Discord splits buckets by (channel_id, guild_id, or webhook_id + token).
/// </summary>
/// <param name="IsInteraction">Interaction callback and interaction-webhook routes are exempt from the global 50/s limit.</param>
internal sealed record RestRoute(HttpMethod Method, string Template, string Path, string MajorParameter, bool IsInteraction = false)
{
    /// <summary>What a log line or exception may show: never the path, which can hold an interaction token.</summary>
    public string Name => $"{Method.Method} {Template}";

    public static RestRoute Create(HttpMethod method, string template, string path, string majorParameter = "") =>
        new(method, template, path, majorParameter);

    public static RestRoute Interaction(HttpMethod method, string template, string path, string majorParameter) =>
        new(method, template, path, majorParameter, IsInteraction: true);
}
