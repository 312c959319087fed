using System.Globalization;
using ReviewBot.Core.Reviews;
using ReviewBot.Discord.Models;
using ReviewBot.Interactions;

namespace ReviewBot.Reviews;

/// <summary>The optional <c>season</c> integer shared by /review and /episode.</summary>
public static class SeasonOption
{
    public const string Name = "season";

    /// <summary>The seasons import accepts: any season stored can be asked for.</summary>
    public const int Max = ReviewLimits.MaxSeason;

    public static readonly string Problem = string.Create(CultureInfo.InvariantCulture, $"The season is a whole number from 1 to {Max:N0}.");

    public static ApplicationCommandOption Create(string description) => new()
    {
        Type = ApplicationCommandOptionType.Integer,
        Name = Name,
        Description = description,
        MinValue = 1,
        MaxValue = Max,
    };

    /// <summary>Discord enforces min/max in its client, but a stale client or a crafted request may not, so the handler checks the range again.</summary>
    public static bool TryRead(InteractionContext context, out int? season)
    {
        season = null;
        if (context.Option(Name) is null)
        {
            return true;
        }

        if (context.GetInt64(Name) is { } value and >= 1 and <= Max)
        {
            season = (int)value;
            return true;
        }

        return false;
    }
}
