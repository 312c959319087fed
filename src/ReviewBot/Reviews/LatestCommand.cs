using ReviewBot.Core.Answers;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews;

/// <summary><c>/latest [count]</c>: the most recent reviews.</summary>
public sealed class LatestCommand(LatestQuery latest, LatestEmbedRenderer renderer) : ISlashCommand
{
    public const int DefaultCount = 5;
    public const int MaxCount = 10;
    public const string CountOption = "count";

    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "latest",
        Description = "List the most recent reviews with their verdicts",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Integer,
                Name = CountOption,
                Description = $"How many reviews (1-{MaxCount}, default {DefaultCount})",
                MinValue = 1,
                MaxValue = MaxCount,
            },
        ],
    };

    public ApplicationCommandDefinition Definition => Command;

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        var count = context.GetInt64(CountOption) ?? DefaultCount;
        if (count is < 1 or > MaxCount)
        {
            return InteractionReply.Ephemeral($"The count is a whole number from 1 to {MaxCount}.");
        }

        return InteractionReply.From(renderer.Render(await latest.GetLatestAsync((int)count, cancellationToken)));
    }
}
