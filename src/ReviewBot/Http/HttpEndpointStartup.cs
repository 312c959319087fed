using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewBot.Http;

/// <summary>
/// The listener's routes, added to the host's request pipeline as a startup filter so that the run
/// verb's host needs no step after it is built: <c>POST /interactions</c> when a public key is set.
/// </summary>
internal sealed class HttpEndpointStartup(IOptions<InteractionEndpointOptions> interactions) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            if (interactions.Value.IsEnabled)
            {
                endpoints.MapPost(InteractionEndpoint.Path, (HttpContext context, InteractionEndpoint endpoint) => endpoint.HandleAsync(context));
            }
        });
        next(app);
    };
}
