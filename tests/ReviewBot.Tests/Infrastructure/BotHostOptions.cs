using FakeDiscord;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Interactions;

namespace ReviewBot.Tests.Infrastructure;

/// <summary>What a test may change about the bot it starts; the defaults are the real run verb against FakeDiscord.</summary>
public sealed class BotHostOptions
{
    /// <summary>Extra configuration as "Key" → "value" (e.g. "Discord:DevGuildId"), applied as command-line overrides.</summary>
    public Dictionary<string, string?> Settings { get; } = new(StringComparer.Ordinal);

    /// <summary>Extra registrations after the real ones (another ISlashCommand, a slower TimeProvider...).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    public FakeDiscordOptions Fake { get; set; } = new();

    /// <summary>Wait for the gateway's Identify before returning (false for tests of start-up failures).</summary>
    public bool WaitUntilConnected { get; set; } = true;

    /// <summary>Overrides the token sent to the bot (the fake still expects <see cref="FakeDiscordOptions.Token"/>).</summary>
    public string? Token { get; set; }
}
