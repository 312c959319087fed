using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Core.Sources;

namespace ReviewBot.Cli;

/// <summary>
/// <c>feeds check URL</c>: fetches a feed once and prints what each item would become, so an operator
/// can try a feed before adding it to Feeds:Sources. Touches no database: nothing is stored or migrated.
/// </summary>
internal sealed class FeedsVerb(FeedCheck check, CliConsole console) : ICliVerb
{
    private const string Example = "Type e.g.: dotnet run --project src/ReviewBot -- feeds check https://reviews.example/feed/";

    public string Name => "feeds";

    public string Usage => "feeds check URL   (fetch a feed once and show what would be imported; stores nothing)";

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        if (args.Count == 0 || !args[0].Equals("check", StringComparison.OrdinalIgnoreCase))
        {
            return await UsageErrorAsync(args.Count == 0 ? "no subcommand given" : $"unknown subcommand \"{args[0]}\"");
        }

        if (args.Count != 2)
        {
            return await UsageErrorAsync(args.Count < 2 ? "no feed URL given" : "give exactly one feed URL");
        }

        if (!Uri.TryCreate(args[1], UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            return await UsageErrorAsync($"\"{args[1]}\" is not an absolute http(s) URL");
        }

        if (url.UserInfo.Length > 0)
        {
            return await UsageErrorAsync($"a feed is fetched without a login; give the URL without its user name and password ({FeedAddressPolicy.WithoutUserInfo(url)})");
        }

        var report = await check.CheckAsync(url, cancellationToken);
        await (report.Succeeded ? console.Out : console.Error).WriteAsync(report.ToText());
        return report.Succeeded ? ExitCodes.Ok : ExitCodes.Failure;
    }

    private async Task<int> UsageErrorAsync(string problem)
    {
        await console.Error.WriteLineAsync($"feeds: {problem}. {Example}");
        return ExitCodes.Usage;
    }
}

internal static class FeedsVerbServiceCollectionExtensions
{
    /// <summary>The verb and the sources layer it checks feeds with (fetcher, converter, parser preview).</summary>
    public static IServiceCollection AddFeedsVerb(this IServiceCollection services)
    {
        services.AddReviewSources();
        services.AddSingleton<ICliVerb, FeedsVerb>();
        return services;
    }
}
