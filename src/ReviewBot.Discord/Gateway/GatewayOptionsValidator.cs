using Microsoft.Extensions.Options;

namespace ReviewBot.Discord.Gateway;

/// <summary>Checks <see cref="GatewayOptions"/> at start, with messages that name the setting and the range.</summary>
public sealed class GatewayOptionsValidator : IValidateOptions<GatewayOptions>
{
    /// <summary>Four receive reads: anything smaller would refuse ordinary payloads (READY with its guild list).</summary>
    public const int MinMaxMessageBytes = 64 * 1024;

    /// <summary>Far above any payload Discord sends; past it the bound would stop being one.</summary>
    public const int MaxMaxMessageBytes = 512 * 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, GatewayOptions options)
    {
        var failures = new List<string>();
        if (options.MaxMessageBytes is < MinMaxMessageBytes or > MaxMaxMessageBytes)
        {
            failures.Add($"GatewayOptions.MaxMessageBytes must be from {MinMaxMessageBytes} to {MaxMaxMessageBytes} (was {options.MaxMessageBytes}); the default, {GatewayOptions.DefaultMaxMessageBytes}, fits Discord's largest payloads.");
        }

        AtLeastOne(failures, nameof(GatewayOptions.EventQueueCapacity), options.EventQueueCapacity);
        AtLeastOne(failures, nameof(GatewayOptions.ReadAheadEventsPerShard), options.ReadAheadEventsPerShard);
        AtLeastOne(failures, nameof(GatewayOptions.OrderedEventsPerShard), options.OrderedEventsPerShard);
        AtLeastOne(failures, nameof(GatewayOptions.MaxConcurrentHandlers), options.MaxConcurrentHandlers);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void AtLeastOne(List<string> failures, string setting, int value)
    {
        if (value < 1)
        {
            failures.Add($"GatewayOptions.{setting} must be at least 1 (was {value}).");
        }
    }
}
