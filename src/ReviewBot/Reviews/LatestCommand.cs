using ReviewBot.Core.Answers;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;
using ReviewBot.Reviews.Rendering;

namespace ReviewBot.Reviews;

/// <summary><c>/latest [count]</c>: the most recent reviews.</summary>
public sealed class LatestCommand(LatestQuery latest, LatestEmbedRenderer renderer) : ISlashCommand
{
    /// <summary>How many are listed: 5 unless asked, at most 10.</summary>
    public static CountOption Count { get; } = new(Default: 5, Max: 10);

    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "latest",
        Description = "List the most recent reviews with their verdicts",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            Count.Definition("reviews"),
        ],
    };

    public ApplicationCommandDefinition Definition => Command;

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (Count.Read(context) is not { } count)
        {
            return Count.Refusal;
        }

        return InteractionReply.From(renderer.Render(await latest.GetLatestAsync(count, cancellationToken)));
    }
}
