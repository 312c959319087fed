using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using ReviewBot.Core.ShowSearch;

namespace ReviewBot.Core;

/// <summary>
/// Every key of the program's own configuration sections: the public settable properties of the options
/// classes bound to them (found from the classes, as <see cref="SingleValueSettings"/> finds single values,
/// so a setting added to a class is known without being listed), and the keys read by hand. The binder
/// and a plain <c>configuration[key]</c> ignore a key that is none of these (<c>Feeds:Jiter</c>,
/// <c>"Duties": {"Run": …}</c>): the default applies while the operator believes the setting did, so
/// <see cref="Problems"/> names each such key with the setting it was probably meant to be. Sections the
/// program does not own (Logging, the host's, other programs' environment variables) are not looked at.
/// Keys are compared ignoring case, as configuration compares them.
/// </summary>
public sealed class SettingKeys
{
    private readonly Node _root = Node.Section();
    private readonly HashSet<Type> _described = [];

    /// <summary>The options classes described so far, bound ones and list entries alike.</summary>
    public IReadOnlyCollection<Type> Described => _described;

    /// <summary>Adds <typeparamref name="TOptions"/>' settings, bound from <paramref name="sectionPath"/>; several classes may share a section.</summary>
    public SettingKeys Section<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>(string sectionPath)
    {
        _described.Add(typeof(TOptions));
        var section = _root.Descend(sectionPath);
        foreach (var (name, node) in Settings<TOptions>())
        {
            section.Add(name, node);
        }

        return this;
    }

    /// <summary>
    /// Describes the entries of the list at <paramref name="listPath"/> (a property of a class added with
    /// <see cref="Section{TOptions}"/>) as <typeparamref name="TEntry"/>'s settings: an entry's class cannot
    /// be found from the list's type where the code is trimmed, so it is named here.
    /// </summary>
    public SettingKeys ListOf<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TEntry>(string listPath)
    {
        _described.Add(typeof(TEntry));
        var segments = listPath.Split(':');
        var parent = _root.Descend(string.Join(':', segments[..^1]));
        var entry = Node.Section();
        foreach (var (name, node) in Settings<TEntry>())
        {
            entry.Add(name, node);
        }

        parent.Add(segments[^1], Node.List(entry));
        return this;
    }

    /// <summary>Adds one key read by hand (<c>ConnectionStrings:Reviews</c>, <c>Duties</c>), which takes one value.</summary>
    public SettingKeys Value(string key)
    {
        var segments = key.Split(':');
        _root.Descend(string.Join(':', segments[..^1])).Add(segments[^1], Node.Value());
        return this;
    }

    /// <summary>
    /// One line per key under these sections that is no setting, with the setting of the same place
    /// whose name is closest when one is close; and per setting that takes one value but was written
    /// as an object or a list (<see cref="SingleValueSettings.Check"/>).
    /// </summary>
    public List<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var child in configuration.GetChildren())
        {
            // A value given to a section itself (an environment variable that happens to share its name) is no key under it.
            if (_root.Find(child.Key) is { } known)
            {
                Walk(child, known.Name, known.Node, problems);
            }
        }

        return problems;
    }

    private static void Walk(IConfigurationSection section, string path, Node node, List<string> problems)
    {
        switch (node.Kind)
        {
            case NodeKind.Value:
                if (section.GetChildren().FirstOrDefault() is { } first)
                {
                    problems.Add(SingleValueSettings.NotOneValue(path, $"{path}:{first.Key}"));
                }

                break;
            case NodeKind.List:
                // The binder takes every child of a list as an entry, whatever its key; each entry's own keys are checked.
                foreach (var entry in section.GetChildren())
                {
                    Walk(entry, $"{path}:{entry.Key}", node.Entry!, problems);
                }

                break;
            case NodeKind.Unresolved:
                throw new InvalidOperationException($"{path} holds objects whose settings were not described: name their class with {nameof(ListOf)}.");
            default:
                foreach (var child in section.GetChildren())
                {
                    if (node.Find(child.Key) is { } known)
                    {
                        Walk(child, $"{path}:{known.Name}", known.Node, problems);
                    }
                    else
                    {
                        problems.Add(Closest(child.Key, node.Names) is { } meant
                            ? $"{path}:{child.Key} is not a setting; did you mean {path}:{meant}?"
                            : $"{path}:{child.Key} is not a setting.");
                    }
                }

                break;
        }
    }

    /// <summary>
    /// The name a misspelling most likely meant: the fewest edits, within a third of its length (one
    /// at least), or a name containing it or contained in it (<c>Interval</c> for <c>PollInterval</c>).
    /// </summary>
    private static string? Closest(string written, IEnumerable<string> names)
    {
        var typed = written.ToLowerInvariant();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var known = name.ToLowerInvariant();
            var distance = EditDistance.Levenshtein(typed, known);
            var close = distance <= Math.Max(1, typed.Length / 3)
                || (typed.Length >= 3 && (known.Contains(typed, StringComparison.Ordinal) || typed.Contains(known, StringComparison.Ordinal)));
            if (close && distance < bestDistance)
            {
                (best, bestDistance) = (name, distance);
            }
        }

        return best;
    }

    /// <summary>Each public settable property, as the binder binds it, and what it holds.</summary>
    private static IEnumerable<(string Name, Node Node)> Settings<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] TOptions>()
    {
        foreach (var property in typeof(TOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.SetMethod is { IsPublic: true })
            {
                yield return (property.Name, Holds(property.PropertyType));
            }
        }
    }

    private static Node Holds(Type type)
    {
        if (SingleValueSettings.TakesOneValue(type))
        {
            return Node.Value();
        }

        var entry = type.IsArray ? type.GetElementType()
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0]
            : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) ? type.GetGenericArguments()[1]
            : null;
        return entry is not null && SingleValueSettings.TakesOneValue(entry) ? Node.List(Node.Value()) : Node.Unresolved();
    }

    private enum NodeKind
    {
        Section,
        Value,
        List,
        Unresolved,
    }

    /// <summary>A place in the settings' tree: a section of named settings, one value, or a list of like entries.</summary>
    private sealed class Node
    {
        private readonly Dictionary<string, (string Name, Node Node)> _children = new(StringComparer.OrdinalIgnoreCase);

        private Node(NodeKind kind, Node? entry)
        {
            Kind = kind;
            Entry = entry;
        }

        public NodeKind Kind { get; }

        public Node? Entry { get; }

        public IEnumerable<string> Names => _children.Values.Select(c => c.Name);

        public static Node Section() => new(NodeKind.Section, null);

        public static Node Value() => new(NodeKind.Value, null);

        public static Node List(Node entry) => new(NodeKind.List, entry);

        public static Node Unresolved() => new(NodeKind.Unresolved, null);

        public (string Name, Node Node)? Find(string key) => _children.TryGetValue(key, out var child) ? child : null;

        /// <summary>The section at <paramref name="path"/> below this one, made when missing.</summary>
        public Node Descend(string path)
        {
            var node = this;
            foreach (var segment in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
            {
                if (node.Find(segment) is not { } child)
                {
                    child = (segment, Section());
                    node._children[segment] = child;
                }

                node = child.Node;
            }

            return node;
        }

        /// <summary>
        /// Adds a setting. Two sections of one name merge (two classes bound to one section); a list
        /// described by <see cref="ListOf{TEntry}"/> replaces the unresolved one its property left, in either order.
        /// </summary>
        public void Add(string name, Node node)
        {
            var existing = Find(name);
            if (existing is { Node.Kind: NodeKind.Section } && node.Kind == NodeKind.Section)
            {
                foreach (var (childName, child) in node._children.Values)
                {
                    existing.Value.Node.Add(childName, child);
                }

                return;
            }

            if (existing is { Node.Kind: NodeKind.List } && node.Kind == NodeKind.Unresolved)
            {
                return;
            }

            _children[name] = (existing?.Name ?? name, node);
        }
    }
}
