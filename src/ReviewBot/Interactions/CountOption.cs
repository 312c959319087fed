using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// An optional whole-number "count" option from 1 to <see cref="Max"/>, <see cref="Default"/> when
/// left out, as the list commands take it: one definition for registration and <c>ask</c>, one check.
/// </summary>
public sealed record CountOption(int Default, int Max)
{
    public const string Name = "count";

    /// <summary>The option as registered; <paramref name="counted"/> says what is counted ("reviews").</summary>
    public ApplicationCommandOption Definition(string counted) => new()
    {
        Type = ApplicationCommandOptionType.Integer,
        Name = Name,
        Description = $"How many {counted} (1-{Max}, default {Default})",
        MinValue = 1,
        MaxValue = Max,
    };

    /// <summary>
    /// The count asked for, or null when it is out of range or no whole number: Discord enforces the
    /// type and range it was registered with, but an interaction is checked here too (<see cref="Refusal"/>
    /// answers it). Only a count left out is the default: a value that is not a count read as left out
    /// would answer another question than the one asked, without a word.
    /// </summary>
    public int? Read(InteractionContext context) =>
        (context.Option(Name) is null ? Default : context.GetInt64(Name)) is { } count && count >= 1 && count <= Max ? (int)count : null;

    public InteractionReply Refusal => InteractionReply.Ephemeral($"The count is a whole number from 1 to {Max}.");

    /// <summary>What <c>ask</c> uses: the typed count brought into range, or the default.</summary>
    public int Clamp(int? typed) => Math.Clamp(typed ?? Default, 1, Max);
}
