using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Rest;

public sealed partial class DiscordRestClient
{
    /// <summary>GET /applications/@me.</summary>
    public Task<Application> GetCurrentApplicationAsync(CancellationToken cancellationToken = default) =>
        SendAsync(RestRoute.Create(HttpMethod.Get, "/applications/@me", "/applications/@me"), DiscordJsonContext.Default.Application, cancellationToken);

    /// <summary><c>Discord:ApplicationId</c> when configured, otherwise read once from GET /applications/@me.</summary>
    public async Task<Snowflake> GetApplicationIdAsync(CancellationToken cancellationToken = default)
    {
        if (_options.CurrentValue.ApplicationId is { } configured)
        {
            return new Snowflake(configured);
        }

        if (_application.Id is { } known)
        {
            return known;
        }

        var id = (await GetCurrentApplicationAsync(cancellationToken)).Id;
        _application.Id = id;
        return id;
    }
}
