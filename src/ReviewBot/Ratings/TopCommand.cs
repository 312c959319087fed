using ReviewBot.Core.Ratings;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Ratings;

/// <summary><c>/top [count]</c>: the best seasons by the critic's verdict and by the community's ratings.</summary>
public sealed class TopCommand(CommunityRatingStore ratings, TopEmbedRenderer renderer) : ISlashCommand
{
    public const int DefaultCount = 5;
    public const int MaxCount = 10;
    public const string CountOption = "count";

    /// <summary>What is registered with Discord; the CLI's <c>ask</c> reads the same options.</summary>
    public static ApplicationCommandDefinition Command { get; } = new()
    {
        Name = "top",
        Description = "The best-rated seasons, by the critic's verdict and by the community",
        IntegrationTypes = CommandReach.AnyInstall,
        Contexts = CommandReach.AnyContext,
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.Integer,
                Name = CountOption,
                Description = $"How many seasons in each list (1-{MaxCount}, default {DefaultCount})",
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

        return InteractionReply.From(renderer.Render(await ratings.TopAsync((int)count, cancellationToken)));
    }
}
