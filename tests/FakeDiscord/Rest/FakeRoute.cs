namespace FakeDiscord.Rest;

/// <summary>A REST route the fake serves, named with the OpenAPI path template so its request schema can be looked up.</summary>
/// <param name="IsInteraction">Interaction callbacks and interaction webhooks: exempt from the global limit.</param>
internal sealed record FakeRoute(string Method, string Template, bool IsInteraction)
{
    private readonly string[] _segments = Template.Split('/', StringSplitOptions.RemoveEmptyEntries);

    public string Name => $"{Method} {Template}";

    /// <summary>Matches a concrete path and returns the template's parameters.</summary>
    public bool TryMatch(string method, string[] pathSegments, out Dictionary<string, string> parameters)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.Equals(method, Method, StringComparison.OrdinalIgnoreCase) || pathSegments.Length != _segments.Length)
        {
            return false;
        }

        for (var i = 0; i < _segments.Length; i++)
        {
            var segment = _segments[i];
            if (segment.StartsWith('{'))
            {
                parameters[segment.Trim('{', '}')] = Uri.UnescapeDataString(pathSegments[i]);
            }
            else if (!string.Equals(segment, pathSegments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Discord's major parameters split a bucket per channel, guild, webhook (+ token) or interaction.</summary>
    public static string MajorParameter(Dictionary<string, string> parameters) =>
        parameters.TryGetValue("channel_id", out var channel) ? $"channel:{channel}"
        : parameters.TryGetValue("guild_id", out var guild) ? $"guild:{guild}"
        : parameters.TryGetValue("webhook_id", out var webhook) ? $"webhook:{webhook}/{parameters.GetValueOrDefault("webhook_token")}"
        : parameters.TryGetValue("interaction_id", out var interaction) ? $"interaction:{interaction}"
        : "";
}
