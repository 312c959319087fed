using Microsoft.Extensions.Options;

namespace ReviewBot.Duties;

/// <summary>
/// <c>Duties</c>: what this process does, a comma-separated list of <c>gateway</c> (the shards of
/// Discord:ShardIds and the commands they receive), <c>delivery</c> (announcements) and <c>sources</c>
/// (feeds and the inbox, and the backfills of charts and answers missing from the store). All three by default.
/// Delivery and sources are also one-at-a-time: of the processes that list them, one runs each (see DutyLocks).
/// </summary>
public sealed class DutiesOptions
{
    public const string Key = "Duties";

    public const string All = "gateway, delivery, sources";

    private static readonly string[] Known = ["gateway", "delivery", "sources"];

    public string Run { get; set; } = All;

    public bool Gateway => Has("gateway");

    public bool Delivery => Has("delivery");

    public bool Sources => Has("sources");

    internal IReadOnlyList<string> Names => Run.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(n => n.ToLowerInvariant()).ToList();

    private bool Has(string duty) => Names.Contains(duty);

    internal sealed class Validator : IValidateOptions<DutiesOptions>
    {
        public ValidateOptionsResult Validate(string? name, DutiesOptions options)
        {
            var names = options.Names;
            var unknown = names.Where(n => !Known.Contains(n)).ToList();
            if (unknown.Count > 0)
            {
                return ValidateOptionsResult.Fail(
                    $"Duties: unknown duty \"{unknown[0]}\"; list any of gateway, delivery, sources, separated by commas (default: all three).");
            }

            return names.Count == 0
                ? ValidateOptionsResult.Fail("Duties lists nothing to run; list any of gateway, delivery, sources, separated by commas (default: all three).")
                : ValidateOptionsResult.Success;
        }
    }
}
