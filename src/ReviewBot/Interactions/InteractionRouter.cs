using ReviewBot.Discord.Interactions;

namespace ReviewBot.Interactions;

/// <summary>
/// Finds who answers an interaction: slash commands and autocomplete by command name (the same
/// definition that was registered), components by the custom_id prefix before the first ':'.
/// </summary>
public sealed class InteractionRouter
{
    private readonly Dictionary<string, ISlashCommand> _commands;
    private readonly Dictionary<string, IComponentHandler> _components;

    public InteractionRouter(IEnumerable<ISlashCommand> commands, IEnumerable<IComponentHandler> components)
    {
        _commands = new Dictionary<string, ISlashCommand>(StringComparer.Ordinal);
        foreach (var command in commands)
        {
            if (!_commands.TryAdd(command.Definition.Name, command))
            {
                throw new InvalidOperationException($"Two slash commands are named \"{command.Definition.Name}\"; Discord names are unique per application.");
            }
        }

        _components = new Dictionary<string, IComponentHandler>(StringComparer.Ordinal);
        foreach (var component in components)
        {
            if (component.CustomIdPrefix.Contains(':', StringComparison.Ordinal) || !_components.TryAdd(component.CustomIdPrefix, component))
            {
                throw new InvalidOperationException($"Component prefix \"{component.CustomIdPrefix}\" is used twice or contains ':'.");
            }
        }
    }

    public IReadOnlyCollection<ISlashCommand> Commands => _commands.Values;

    public ISlashCommand? FindCommand(Interaction interaction) =>
        interaction.Data?.Name is { } name && _commands.TryGetValue(name, out var command) ? command : null;

    public (IComponentHandler? Handler, string Argument) FindComponent(Interaction interaction)
    {
        var customId = interaction.Data?.CustomId ?? "";
        var colon = customId.IndexOf(':', StringComparison.Ordinal);
        var prefix = colon < 0 ? customId : customId[..colon];
        var argument = colon < 0 ? "" : customId[(colon + 1)..];
        return (_components.GetValueOrDefault(prefix), argument);
    }
}
