using ReviewBot.Discord.Models;

namespace ReviewBot.Discord.Interactions;

/// <summary>An action row: up to 5 buttons, or exactly one select menu (docs: Action Row).</summary>
public sealed class ActionRowBuilder
{
    private readonly List<MessageComponent> _components = [];

    public int Count => _components.Count;

    public ActionRowBuilder Add(MessageComponent component)
    {
        if (component.Type == ComponentType.ActionRow)
        {
            throw new ArgumentException("Action rows cannot be nested.", nameof(component));
        }

        var hasSelect = _components.Any(c => c.Type != ComponentType.Button);
        if (hasSelect || (component.Type != ComponentType.Button && _components.Count > 0))
        {
            throw new InvalidOperationException("A select menu must be alone in its action row.");
        }

        if (_components.Count >= DiscordLimits.ButtonsPerRow)
        {
            throw new InvalidOperationException($"An action row holds at most {DiscordLimits.ButtonsPerRow} buttons.");
        }

        _components.Add(component);
        return this;
    }

    public MessageComponent Build() =>
        _components.Count == 0
            ? throw new InvalidOperationException("An action row needs at least one component.")
            : new MessageComponent { Type = ComponentType.ActionRow, Components = [.. _components] };

    /// <summary>Lays buttons out in rows of 5 and fails if they need more than Discord's 5 rows.</summary>
    public static IReadOnlyList<MessageComponent> Rows(IEnumerable<MessageComponent> buttons)
    {
        var rows = buttons.Chunk(DiscordLimits.ButtonsPerRow)
            .Select(chunk => new MessageComponent { Type = ComponentType.ActionRow, Components = chunk })
            .ToList();
        return rows.Count > DiscordLimits.ActionRows
            ? throw new InvalidOperationException($"A message holds at most {DiscordLimits.ActionRows} action rows ({DiscordLimits.ActionRows * DiscordLimits.ButtonsPerRow} buttons).")
            : rows;
    }
}
