using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>The optional <c>season</c> integer shared by /review and /episode.</summary>
public static class SeasonOption
{
    public const string Name = "season";

    public const string Problem = "The season is a whole number from 1 to 100.";

    public static ApplicationCommandOption Create(string description) => new()
    {
        Type = ApplicationCommandOptionType.Integer,
        Name = Name,
        Description = description,
        MinValue = 1,
        MaxValue = 100,
    };

    /// <summary>Discord enforces min/max in its client, but a stale client or a crafted request may not, so the handler checks the range again.</summary>
    public static bool TryRead(InteractionContext context, out int? season)
    {
        season = null;
        if (context.Option(Name) is null)
        {
            return true;
        }

        if (context.GetInt64(Name) is { } value and >= 1 and <= 100)
        {
            season = (int)value;
            return true;
        }

        return false;
    }
}
