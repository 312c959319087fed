using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace ReviewBot.Benchmarks.Load;

/// <param name="Target">The target in words ("< 1 ms"), as the README's Performance table states it; empty when there is none.</param>
/// <param name="Met">True or false against the target; null when there is none or nothing was measured.</param>
public sealed record LoadMetric(string Scenario, string Name, double? Value, string Unit, string Target = "", bool? Met = null, string Note = "");

/// <summary>One summary table for the console and the same rows as JSON, so runs can be compared.</summary>
public sealed class LoadReport
{
    private readonly List<LoadMetric> _metrics = [];
    private readonly Dictionary<string, string> _unavailable = new(StringComparer.Ordinal);

    public void Add(LoadMetric metric) => _metrics.Add(metric);

    public void Measured(string scenario, string name, double value, string unit, string target = "", bool? met = null, string note = "") =>
        Add(new LoadMetric(scenario, name, value, unit, target, met, note));

    /// <summary>A scenario that could not run: said so, with why, and no numbers.</summary>
    public void NotAvailable(string scenario, string reason) => _unavailable[scenario] = reason;

    public string ToTable()
    {
        var rows = _metrics.Select(m => new[]
        {
            m.Scenario, m.Name, m.Value is { } v ? Format(v) : "-", m.Unit, m.Target,
            m.Met switch { true => "ok", false => "MISS", null => "" }, m.Note,
        }).ToList();
        rows.AddRange(_unavailable.Select(u => new[] { u.Key, "not available", "-", "", "", "", u.Value }));
        string[] header = ["scenario", "metric", "value", "unit", "target", "", "note"];
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        var table = new StringBuilder();
        table.AppendLine(Machine.Describe());
        void Line(string[] cells) => table.AppendLine("| " + string.Join(" | ", cells.Select((c, i) => i == 2 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))) + " |");
        Line(header);
        table.AppendLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|");
        rows.ForEach(Line);
        return table.ToString();
    }

    public async Task WriteJsonAsync(string path)
    {
        var document = new
        {
            TakenAtUtc = DateTimeOffset.UtcNow,
            Machine = Machine.Describe(),
            Metrics = _metrics,
            NotAvailable = _unavailable,
        };
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }

        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(document, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string Format(double value) =>
        Math.Abs(value) >= 100 ? value.ToString("N0", CultureInfo.InvariantCulture) : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static class Machine
    {
        public static string Describe() =>
            $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
            "figures from one run; on a shared machine they are noisy";
    }
}
