using System.Globalization;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Import;

namespace ReviewBot.Core.Sources;

public static class SourcesServiceCollectionExtensions
{
    /// <summary>
    /// Registers the inbox watcher, the feed poller, <see cref="FeedCheck"/> (with the real parser as
    /// its previewer) and their options (Reviews:InboxDirectory..., Feeds:...), validated on start.
    /// Storage, the parser and the importer come from AddReviewBotCore; the background services that
    /// call InboxWatcher.RunAsync and FeedPoller.RunAsync from the host. Safe to call more than once
    /// (the CLI's feeds verb and the bot host may both ask for it).
    /// </summary>
    public static IServiceCollection AddReviewSources(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(FeedPoller)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<InboxOptions>().BindConfiguration(InboxOptions.SectionName).ValidateSingleValues(InboxOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<InboxOptions>, InboxOptionsValidator>();
        services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.SectionName).ValidateSingleValues(FeedsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsAttributeValidator>();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();

        // Redirects are followed by FeedFetcher itself (counted, loops detected); the deadline is the
        // fetcher's TimeProvider-based one, so the client's own timeout is only a backstop, past the
        // longest deadline allowed so that it never ends a request the deadline would (its message
        // names HttpClient.Timeout, not the setting). Every
        // connection goes through FeedConnector, which refuses non-public addresses; no proxy, since
        // through a proxy the connection would be to the proxy and the target would go unchecked.
        services.TryAddSingleton<FeedAddressPolicy>();
        services.AddHttpClient(FeedFetcher.HttpClientName, client => client.Timeout = FeedFetcher.Backstop)
            .ConfigurePrimaryHttpMessageHandler(provider =>
            {
                var policy = provider.GetRequiredService<FeedAddressPolicy>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseProxy = false,
                    AutomaticDecompression = DecompressionMethods.All,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(15),
                    ConnectCallback = (context, cancellationToken) => FeedConnector.ConnectAsync(policy, context, cancellationToken),
                };
            });

        services.TryAddSingleton<IReviewPreviewer, ReviewPreviewer>();
        services.TryAddSingleton<HtmlToText>();
        services.TryAddSingleton<FeedItemConverter>();
        services.TryAddSingleton<FeedStateStore>();
        services.TryAddSingleton<FeedFetcher>();
        services.TryAddSingleton<FeedPoller>();
        services.TryAddSingleton<FeedCheck>();
        services.TryAddSingleton<IFolderChanges, FileSystemFolderChanges>();
        services.TryAddSingleton<InboxWatcher>();
        return services;
    }
}

/// <summary>Catches feed lists that would only fail later, with a message that says what to fix.</summary>
internal sealed class FeedsOptionsValidator(IConfiguration configuration) : IValidateOptions<FeedsOptions>
{
    private const string ListShape = "it is a list of feeds, each an object with a Url: [ { \"Url\": \"https://…\" } ] (environment: Feeds__Sources__0__Url).";

    public ValidateOptionsResult Validate(string? name, FeedsOptions options)
    {
        var errors = SourcesShape(configuration.GetSection(FeedsOptions.SectionName).GetSection(nameof(FeedsOptions.Sources)));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Sources.Count; i++)
        {
            var source = options.Sources[i];
            if (!Uri.TryCreate(source.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"Feeds:Sources:{i}:Url must be an absolute http(s) URL, not '{source.Url}'.");
            }
            else if (uri.UserInfo.Length > 0)
            {
                // Not echoed: the password would reach the log that reports this.
                errors.Add($"Feeds:Sources:{i}:Url has a user name or password in it: feeds are fetched without a login, and the address is written to the log; give {FeedAddressPolicy.WithoutUserInfo(uri)} instead.");
            }
            else if (!seen.Add(source.Url))
            {
                errors.Add($"Feeds:Sources:{i}:Url '{source.Url}' is listed twice.");
            }

            // The same range as Feeds:DefaultPollInterval: at least a minute (polite polling), at most
            // a week, which with jitter still fits the longest wait a timer takes (about 49.7 days);
            // past that the feed's loop would fail at its first wait instead of at start.
            if (source.PollInterval is { } interval
                && TimeSpanSetting.Check(interval, FeedsOptions.ShortestPollInterval, FeedsOptions.LongestPollInterval, $"{FeedsOptions.SectionName}:Sources:{i}", nameof(FeedSourceOptions.PollInterval)) is { } failure)
            {
                errors.Add(failure.ErrorMessage!);
            }
        }

        for (var i = 0; i < options.AllowedPrivateAddresses.Count; i++)
        {
            if (FeedAddressPolicy.ValidateEntry(options.AllowedPrivateAddresses[i]) is { } problem)
            {
                errors.Add($"Feeds:AllowedPrivateAddresses:{i}: {problem}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    /// <summary>
    /// Feeds:Sources in a shape the binder drops without a word (a list of bare addresses, one address,
    /// one object): feed polling would be off while the operator believes it on. The values are not
    /// repeated: an address may carry a password.
    /// </summary>
    private static List<string> SourcesShape(IConfigurationSection sources)
    {
        if (!string.IsNullOrEmpty(sources.Value))
        {
            return [$"{sources.Path} is a single value; {ListShape}"];
        }

        var entries = sources.GetChildren().ToList();
        if (entries.Any(e => !int.TryParse(e.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            return [$"{sources.Path} is an object; {ListShape}"];
        }

        // Inside each feed, its own single values (a PollInterval written as a list) are checked as the section's are.
        return entries
            .SelectMany(e => !string.IsNullOrEmpty(e.Value)
                ? [$"{e.Path} is a single value; each feed is an object with a Url: {{ \"Url\": \"https://…\" }} (environment: Feeds__Sources__{e.Key}__Url)."]
                : SingleValueSettings.Problems<FeedSourceOptions>(e, ""))
            .ToList();
    }
}
