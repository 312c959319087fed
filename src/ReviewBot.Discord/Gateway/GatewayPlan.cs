using System.Globalization;
using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Gateway;

/// <summary>Where to connect, how many Shards, how many may Identify per 5 s, and the daily session
/// start limit as GET /gateway/bot gave it (null when it was not asked).</summary>
internal sealed record GatewayPlan(Uri GatewayUrl, int ShardCount, int MaxConcurrency, SessionStartLimit? SessionStarts = null)
{
    /// <summary>
    /// GatewayUrl and a numeric ShardCount need no REST call; otherwise GET /gateway/bot supplies
    /// the URL, the recommended shard count ("auto") and max_concurrency.
    /// </summary>
    public static async Task<GatewayPlan> ResolveAsync(DiscordOptions options, IGatewayBotSource? source, CancellationToken cancellationToken)
    {
        int? fixedCount = null;
        if (!string.Equals(options.ShardCount, "auto", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(options.ShardCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
            {
                throw new InvalidOperationException($"Discord:ShardCount must be a positive number or 'auto', not '{options.ShardCount}'.");
            }

            fixedCount = count;
        }

        if (options.GatewayUrl is not null && fixedCount is not null)
        {
            return new GatewayPlan(options.GatewayUrl, fixedCount.Value, 1);
        }

        if (source is null)
        {
            throw new InvalidOperationException("Discord:GatewayUrl and a numeric Discord:ShardCount are needed when no IGatewayBotSource (the REST client) is registered.");
        }

        GatewayBotResponse bot = await source.GetGatewayBotAsync(cancellationToken);
        var shardCount = fixedCount ?? Math.Max(1, bot.Shards);
        return new GatewayPlan(
            options.GatewayUrl ?? new Uri(bot.Url),
            shardCount,
            Math.Max(1, bot.SessionStartLimit.MaxConcurrency),
            bot.SessionStartLimit);
    }
}
