namespace ReviewBot.Discord;

/// <summary>Settings bound from the <c>Discord</c> configuration section.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "Discord";

    /// <summary>The bot token from the developer portal. Never logged.</summary>
    public string Token { get; set; } = "";

    /// <summary>Optional: read from GET /applications/@me when absent.</summary>
    public ulong? ApplicationId { get; set; }

    public Uri ApiBaseUrl { get; set; } = new("https://discord.com/api/v10");

    /// <summary>Optional: otherwise taken from GET /gateway/bot.</summary>
    public Uri? GatewayUrl { get; set; }

    /// <summary>A positive number, or <c>auto</c> for Discord's recommendation.</summary>
    public string ShardCount { get; set; } = "auto";

    /// <summary>The Shards this process runs (<c>0-3</c>, <c>0,2</c>); empty: all of them. See <see cref="Gateway.ShardSlice"/>.</summary>
    public string ShardIds { get; set; } = "";

    /// <summary>When set, commands are registered in this guild only (instant updates while developing).</summary>
    public ulong? DevGuildId { get; set; }

    /// <summary>
    /// Requests per second the bot sends under Discord's global limit (interaction callbacks are exempt).
    /// 50 is every bot's default; Discord grants large bots a higher one on request. Never set it above
    /// what Discord granted: the excess comes back as 429s, which count as invalid requests.
    /// </summary>
    public int GlobalRateLimitPerSecond { get; set; } = 50;

    /// <summary>Never prints the token: options objects end up in logs and debugger views.</summary>
    public override string ToString() =>
        $"DiscordOptions {{ Token = {(string.IsNullOrWhiteSpace(Token) ? "(missing)" : "(set)")}, ApplicationId = {ApplicationId}, ApiBaseUrl = {ApiBaseUrl}, GatewayUrl = {GatewayUrl}, ShardCount = {ShardCount}, ShardIds = {ShardIds}, DevGuildId = {DevGuildId}, GlobalRateLimitPerSecond = {GlobalRateLimitPerSecond} }}";
}
