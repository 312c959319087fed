namespace ReviewBot.Benchmarks.Load.External;

/// <summary>
/// A published bot to measure from outside (<c>--bot-exe jit=PATH</c>, <c>--bot-exe native=PATH</c>):
/// an executable started as <c>PATH run</c>, its own process, as an operator runs it.
/// </summary>
public sealed record BotExecutable(string Name, string Path)
{
    public const string Option = "--bot-exe";

    /// <summary>
    /// No managed assembly of the same name beside it: a Native AOT executable, which the product's
    /// start and memory targets are stated for; an apphost runs ReviewBot.dll on the shared runtime.
    /// </summary>
    public bool IsNative => !File.Exists(System.IO.Path.ChangeExtension(Path, ".dll"));

    /// <summary>The executable file alone, in bytes.</summary>
    public long FileBytes => new FileInfo(Path).Length;

    /// <summary>Everything published beside it (assemblies, native libraries, settings), debug symbols left out, in bytes.</summary>
    public long FolderBytes =>
        new DirectoryInfo(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!)
            .EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(f => !f.Name.EndsWith(".pdb", StringComparison.OrdinalIgnoreCase) && !f.Name.EndsWith(".dbg", StringComparison.OrdinalIgnoreCase))
            .Sum(f => f.Length);

    /// <summary>
    /// Takes every <c>--bot-exe [name=]PATH</c> out of <paramref name="args"/> and returns the rest for
    /// <see cref="LoadOptions.Parse"/>. Without a name, the file name is the name.
    /// </summary>
    public static List<BotExecutable> Extract(IReadOnlyList<string> args, out List<string> rest)
    {
        var found = new List<BotExecutable>();
        rest = [];
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] != Option)
            {
                rest.Add(args[i]);
                continue;
            }

            if (i + 1 >= args.Count)
            {
                throw new ArgumentException($"{Option} needs a value: name=path to a published ReviewBot executable.");
            }

            var value = args[++i];
            var equals = value.IndexOf('=', StringComparison.Ordinal);
            var (name, path) = equals > 0 ? (value[..equals], value[(equals + 1)..]) : (System.IO.Path.GetFileName(value), value);
            if (!File.Exists(path))
            {
                throw new ArgumentException($"{Option} {value}: no file at {System.IO.Path.GetFullPath(path)}.");
            }

            if (found.Any(f => f.Name == name))
            {
                throw new ArgumentException($"{Option}: the name '{name}' is given twice; name them, e.g. jit=PATH native=PATH.");
            }

            found.Add(new BotExecutable(name, System.IO.Path.GetFullPath(path)));
        }

        return found;
    }
}
