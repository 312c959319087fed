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

    /// <inheritdoc cref="IComponentHandler.StartsInline"/>
    bool StartsInline => false;

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
    /// True for a handler that never blocks its thread before its first wait: it reads memory, or the
    /// store, whose readers never wait for a writer (SQLite in WAL mode, PostgreSQL's snapshots), and it
    /// waits on nothing synchronously. It then starts on the thread that took the interaction, and an
    /// answer ready at once goes out with no hand-over to another thread and no deadline timer. Any other
    /// handler (a write, which may wait for the store's lock) starts on the thread pool, so its defer
    /// is sent on time however long it blocks (<see cref="InitialResponses"/>).
    /// </summary>
    bool StartsInline => false;

    Task<InteractionReply> HandleAsync(InteractionContext context, string argument, CancellationToken cancellationToken);
}
