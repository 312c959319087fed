using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace ReviewBot.Discord.Rest;

/// <summary>Adds <c>Authorization: Bot &lt;token&gt;</c> to every request (docs: Authentication; "Bearer" is for OAuth2 users).</summary>
public sealed class DiscordAuthorizationHandler(IOptionsMonitor<DiscordOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bot", options.CurrentValue.Token);
        return base.SendAsync(request, cancellationToken);
    }
}
