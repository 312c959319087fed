using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ReviewBot.Discord.Rest;

/// <summary>Adds <c>Authorization: Bot &lt;token&gt;</c> to every request (docs: Authentication; "Bearer" is for OAuth2 users).</summary>
public sealed class DiscordAuthorizationHandler(IOptionsMonitor<DiscordOptions> options) : DelegatingHandler
{
    // One header value per token, made again only when the option changes: its fields never change, so requests share it.
    private AuthenticationHeaderValue? _authorization;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = options.CurrentValue.Token;
        var authorization = _authorization;
        if (authorization is null || !ReferenceEquals(authorization.Parameter, token))
        {
            _authorization = authorization = new AuthenticationHeaderValue("Bot", token);
        }

        request.Headers.Authorization = authorization;
        return base.SendAsync(request, cancellationToken);
    }
}
