using ReviewBot.Discord.Models;

namespace ReviewBot.Interactions;

/// <summary>
/// A slash command defined once: <see cref="Definition"/> is both what is registered with Discord
/// and what the router matches by name. The command turns options into a Core question and the
/// answer into a reply; acknowledging, deferring and error replies happen in one place, the
/// responder (InitialResponses, InitialResponseSender, LateReplies), never here.
/// </summary>
public interface ISlashCommand
{
    ApplicationCommandDefinition Definition { get; }

    Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken);
}

/// <summary>A slash command with an option declared <c>autocomplete: true</c>.</summary>
public interface IAutocompleteCommand : ISlashCommand
{
    /// <summary>At most 25 choices, best first; Discord drops the answer after 3 seconds.</summary>
    Task<IReadOnlyList<ApplicationCommandOptionChoice>> AutocompleteAsync(InteractionContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Handles buttons and select menus whose custom_id is <c>"{CustomIdPrefix}:{argument}"</c>
/// (custom_id is at most 100 characters, so arguments are ids, not text).
/// </summary>
public interface IComponentHandler
{
    string CustomIdPrefix { get; }

    /// <summary>
    /// Whether any member's press may update the public message the component is on
    /// (<see cref="ReplyKind.UpdateSource"/>), as a community rating does: the message shows what all
    /// of them did. False for a handler that changes what the message shows (a page of an answer):
    /// then only the member who asked may update it, and anyone else's answer comes to them alone
    /// (<see cref="SharedMessages"/>).
    /// </summary>
    bool AnyMemberMayUpdate => false;

    Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken);
}
