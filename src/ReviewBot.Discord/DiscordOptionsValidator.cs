using System.Globalization;
using Microsoft.Extensions.Options;

namespace ReviewBot.Discord;

/// <summary>
/// Checks the <c>Discord</c> section at start (ValidateOnStart) with messages that name the key to
/// fix. Messages never include the token's value.
/// </summary>
public sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    /// <summary>A sanity bound: Discord's largest granted global limits are in the low thousands.</summary>
    public const int MaxGlobalRateLimitPerSecond = 100_000;

    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Token))
        {
            failures.Add("Discord:Token is missing: set it in appsettings.json, user secrets or the Discord__Token environment variable.");
        }
        else if (options.Token.Trim().StartsWith("Bot ", StringComparison.OrdinalIgnoreCase))
        {
            failures.Add("Discord:Token must be the bare token from the developer portal, without the \"Bot \" prefix.");
        }
        else if (options.Token.Any(char.IsWhiteSpace))
        {
            failures.Add("Discord:Token contains whitespace: copy the token again from the developer portal.");
        }
        else if (options.Token.Any(c => c is < '!' or > '~'))
        {
            // A token is printable ASCII; anything else (a pasted zero-width space, a control character,
            // an accented letter) cannot go in the Authorization header, so every request would fail
            // as if Discord were down, and the bot be restarted for ever instead of stopped with exit 2.
            failures.Add("Discord:Token contains a character no token has (a control character, or one outside ASCII): copy the token again from the developer portal.");
        }

        // Reference, Snowflakes: no id is 0. Left to Discord, a 0 would fail the bot's first call
        // (exit 1, restarted by a service manager) instead of stopping the start with the key to fix.
        if (options.ApplicationId == 0)
        {
            failures.Add("Discord:ApplicationId must be the application's id from the developer portal (General Information, Application ID), or left out to ask Discord (was 0).");
        }

        if (options.DevGuildId == 0)
        {
            failures.Add("Discord:DevGuildId must be a server's id (right-click the server, Copy Server ID), or left out to register commands everywhere (was 0).");
        }

        if (options.ApiBaseUrl is null || !options.ApiBaseUrl.IsAbsoluteUri)
        {
            failures.Add("Discord:ApiBaseUrl must be an absolute URL such as https://discord.com/api/v10.");
        }
        else if (!CarriesTheTokenSafely(options.ApiBaseUrl, "https", "http"))
        {
            failures.Add($"Discord:ApiBaseUrl must be an https URL such as https://discord.com/api/v10 (was {Shown(options.ApiBaseUrl)}): every request carries the token, which plain http would send readable to anyone on the way; http is taken only for this machine (localhost, 127.0.0.1, ::1).");
        }

        if (options.GatewayUrl is { IsAbsoluteUri: false })
        {
            failures.Add("Discord:GatewayUrl must be an absolute URL such as wss://gateway.discord.gg (or left empty to ask GET /gateway/bot).");
        }
        else if (options.GatewayUrl is { } gateway && !CarriesTheTokenSafely(gateway, "wss", "ws"))
        {
            failures.Add($"Discord:GatewayUrl must be a wss URL such as wss://gateway.discord.gg, or left empty to ask GET /gateway/bot (was {Shown(gateway)}): the connection's Identify carries the token, which plain ws would send readable to anyone on the way; ws is taken only for this machine (localhost, 127.0.0.1, ::1).");
        }

        if (!IsValidShardCount(options.ShardCount))
        {
            failures.Add($"Discord:ShardCount must be a positive whole number or \"auto\" (was \"{options.ShardCount}\").");
        }

        if (!string.IsNullOrWhiteSpace(options.ShardIds))
        {
            if (Gateway.ShardSlice.Parse(options.ShardIds, out var sliceError) is not { } ids)
            {
                failures.Add(sliceError!);
            }
            else if (int.TryParse(options.ShardCount, NumberStyles.None, CultureInfo.InvariantCulture, out var total) && ids.FirstOrDefault(id => id >= total) is var outside && outside >= total)
            {
                failures.Add($"Discord:ShardIds names shard {outside}, but Discord:ShardCount is {total} (ids run from 0 to {total - 1}).");
            }
        }

        if (options.GlobalRateLimitPerSecond is < 1 or > MaxGlobalRateLimitPerSecond)
        {
            failures.Add($"Discord:GlobalRateLimitPerSecond must be between 1 and {MaxGlobalRateLimitPerSecond} (was {options.GlobalRateLimitPerSecond}); leave it at 50 unless Discord granted the bot a higher global limit.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>
    /// The encrypted scheme anywhere, the plain one only to this machine (a test double, or a proxy beside
    /// the bot); any other scheme is no way to reach Discord at all.
    /// </summary>
    private static bool CarriesTheTokenSafely(Uri url, string encrypted, string plain) =>
        url.Scheme == encrypted || (url.Scheme == plain && url.IsLoopback);

    /// <summary>The URL without what its user-info part may hold (a proxy's password), which a message must not repeat.</summary>
    private static string Shown(Uri url) =>
        url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private static bool IsValidShardCount(string? value) =>
        string.Equals(value?.Trim(), "auto", StringComparison.OrdinalIgnoreCase)
        || (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0);
}
