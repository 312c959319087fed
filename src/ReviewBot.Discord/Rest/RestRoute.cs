namespace ReviewBot.Discord.Rest;

/// <summary>
/// One request's identity for rate limiting: the route template, the concrete path and the "major
/// parameter" Discord splits buckets by (channel_id, guild_id, or webhook_id + token).
/// </summary>
/// <param name="IsInteraction">Interaction callback and interaction-webhook routes are exempt from the global 50/s limit.</param>
internal sealed record RestRoute(HttpMethod Method, string Template, string Path, string MajorParameter, bool IsInteraction = false)
{
    /// <summary>
    /// Whether a request that got no answer (a timeout, a dropped connection) or a server error may be
    /// sent again by the client. False for a create Discord cannot deduplicate (no nonce): it may have
    /// acted, so the caller decides, e.g. by looking for what it created before trying again.
    /// False for every POST unless its route says otherwise: a POST creates something, and only a route
    /// that knows Discord recognises the same create twice (a message's enforced nonce, an interaction's
    /// one callback) may claim a resend is harmless. A new create route is thereby safe by default.
    /// </summary>
    public bool ResendWithoutAnswer { get; init; } = Method != HttpMethod.Post;

    /// <summary>
    /// A delete whose answer the bot does not read: when it is resent after a lost answer, a 404 says the
    /// lost try did the work (or someone else did), and the thing is gone as asked.
    /// </summary>
    public bool NotFoundAfterResendIsDone { get; init; }

    /// <summary>
    /// A route used once, such as an interaction's callback (a second callback is an error): its
    /// bucket is its own, made for the request (and its retries) and gone with it, never kept in the
    /// registry to sit idle for minutes; so it is never looked up by its major parameter either.
    /// </summary>
    public bool OneShot { get; init; }

    /// <summary>
    /// Whether <see cref="Path"/> is the whole request URI, API base included: an interaction's callback
    /// is built that way, one string per interaction rather than its path and then the URI from it.
    /// </summary>
    public bool PathIncludesBase { get; init; }

    /// <summary>Set on an interaction's callback: whose initial response this request carries (see <see cref="InteractionCallbackWrites"/>).</summary>
    public Models.Snowflake? CallbackFor { get; init; }

    /// <summary>What a log line or exception may show: never the path, which can hold an interaction token.</summary>
    public string Name => $"{Method.Method} {Template}";

    public static RestRoute Create(HttpMethod method, string template, string path, string majorParameter = "") =>
        new(method, template, path, majorParameter);

    public static RestRoute Interaction(HttpMethod method, string template, string path, string majorParameter) =>
        new(method, template, path, majorParameter, IsInteraction: true);
}
