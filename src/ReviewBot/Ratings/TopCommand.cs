using ReviewBot.Core.Ratings;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Ratings;

/// <summary><c>/top [count]</c>: the best seasons by the critic's verdict and by the community's ratings.</summary>
public sealed class TopCommand(CommunityRatingStore ratings, TopEmbedRenderer renderer) : ISlashCommand
{
    /// <summary>How many are listed: 5 unless asked, at most 10.</summary>
    public static CountOption Count { get; } = new(Default: 5, Max: 10);

    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "top",
        Description = "The best-rated seasons, by the critic's verdict and by the community",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            Count.Definition("seasons in each list"),
        ],
    };

    public ApplicationCommandDefinition Definition => Command;

    public async Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
    {
        if (Count.Read(context) is not { } count)
        {
            return Count.Refusal;
        }

        return InteractionReply.From(renderer.Render(await ratings.TopAsync(count, cancellationToken)));
    }
}
