namespace FakeDiscord;

/// <summary>How the fake behaves. Each area (REST, gateway) adds its own knobs.</summary>
public sealed partial class FakeDiscordOptions
{
    /// <summary>The token the fake accepts; anything else gets 401 (REST) or close 4004 (gateway).</summary>
    public string Token { get; set; } = "fake-token.Abc123.secret";

    public ulong ApplicationId { get; set; } = 1_100_000_000_000_000_001;

    public ulong BotUserId { get; set; } = 1_100_000_000_000_000_002;
}
