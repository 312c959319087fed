namespace ReviewBot.Discord.Models;

/// <summary>
/// Who a message may ping (docs: Allowed Mentions). Every message the client sends uses
/// <see cref="None"/> unless told otherwise: without the field Discord parses every mention type
/// (users only for interactions/webhooks), and echoed review text must never ping anyone.
/// </summary>
public sealed record AllowedMentions
{
    /// <summary><c>{"parse":[]}</c>: nobody is pinged.</summary>
    public static AllowedMentions None { get; } = new();

    /// <summary>Always written, even empty: an empty list is what suppresses pings.</summary>
    public IReadOnlyList<string> Parse { get; init; } = [];

    public IReadOnlyList<Snowflake>? Roles { get; init; }

    public IReadOnlyList<Snowflake>? Users { get; init; }

    public bool? RepliedUser { get; init; }

    /// <summary>
    /// <c>{"parse":[],"roles":[ids]}</c>: ping exactly these roles (a subscription's role). Discord
    /// rejects "roles" in parse together with a roles list, so parse stays empty.
    /// </summary>
    public static AllowedMentions ForRoles(params Snowflake[] roleIds)
    {
        if (roleIds.Length > 100)
        {
            throw new ArgumentException("allowed_mentions.roles holds at most 100 ids.", nameof(roleIds));
        }

        return new AllowedMentions { Roles = roleIds };
    }
}
