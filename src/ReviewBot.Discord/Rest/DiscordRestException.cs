using System.Net;

namespace ReviewBot.Discord.Rest;

/// <summary>
/// A request Discord refused or could not serve. <see cref="Route"/> is the route template (e.g.
/// <c>POST /interactions/{interaction_id}/{interaction_token}/callback</c>), never the concrete path,
/// so neither the bot token nor an interaction token can end up in a message or a log.
/// </summary>
public sealed class DiscordRestException : Exception
{
    public DiscordRestException(HttpStatusCode status, int code, string discordMessage, string? errors, string route)
        : base(Describe(status, code, discordMessage, errors, route))
    {
        Status = status;
        Code = code;
        DiscordMessage = discordMessage;
        Errors = errors;
        Route = route;
    }

    public DiscordRestException()
        : this(0, 0, "", null, "")
    {
    }

    public DiscordRestException(string message)
        : base(message)
    {
        DiscordMessage = message;
        Route = "";
    }

    public DiscordRestException(string message, Exception innerException)
        : base(message, innerException)
    {
        DiscordMessage = message;
        Route = "";
    }

    public HttpStatusCode Status { get; }

    /// <summary>
    /// Discord could not serve the request, after the client's own retries: no answer at all (status 0:
    /// timeouts, dropped connections), a server error, or still 429. The same request may succeed later;
    /// any other refusal is about the request itself.
    /// </summary>
    public bool CouldNotServe => (int)Status is 0 or >= 500 or 429;

    /// <summary>Discord's JSON error code (e.g. 50013 Missing Permissions, 10003 Unknown Channel); 0 when absent.</summary>
    public int Code { get; }

    public string DiscordMessage { get; }

    /// <summary>The <c>errors</c> tree of a 50035 answer as JSON text, which names each invalid field.</summary>
    public string? Errors { get; }

    public string Route { get; }

    private static string Describe(HttpStatusCode status, int code, string message, string? errors, string route)
    {
        var text = $"Discord answered {(int)status} {status} to {route}: {message} (code {code})";
        return errors is null ? text : $"{text}; errors: {errors}";
    }
}
