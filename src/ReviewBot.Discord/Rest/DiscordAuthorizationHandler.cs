using Microsoft.Extensions.Options;

namespace ReviewBot.Discord.Rest;

/// <summary>Adds <c>Authorization: Bot &lt;token&gt;</c> to every request (docs: Authentication; "Bearer" is for OAuth2 users).</summary>
public sealed class DiscordAuthorizationHandler(IOptionsMonitor<DiscordOptions> options) : DelegatingHandler
{
    // The header's text, made again only when the token changes. Added as text, it is written as it is
    // instead of being parsed here and formatted again for every request.
    private (string Token, string Header)? _authorization;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var token = options.CurrentValue.Token;
        if (_authorization is not { } authorization || !ReferenceEquals(authorization.Token, token))
        {
            authorization = (token, "Bot " + token);
            _authorization = authorization;
        }

        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", authorization.Header);
        return base.SendAsync(request, cancellationToken);
    }
}
