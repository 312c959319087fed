using System.Globalization;

namespace ReviewBot.Discord.Gateway;

/// <summary>
/// The Shards this process runs out of Discord:ShardCount: <c>Discord:ShardIds</c> as ids and
/// ranges, e.g. <c>0-3</c> or <c>0,2</c> or <c>0-1,6</c>; empty means every Shard. Several processes
/// with disjoint slices that together name every id run the whole bot. Each Shard still Identifies
/// with <c>[shard_id, shard_count]</c> (Discord's Gateway docs, Sharding).
/// </summary>
public static class ShardSlice
{
    /// <summary>The ids named by <paramref name="text"/>, ascending, or null with <paramref name="error"/>.</summary>
    public static IReadOnlyList<int>? Parse(string? text, out string? error)
    {
        error = null;
        var ids = new List<int>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                error = $"Discord:ShardIds has an empty entry (was \"{text}\"); write ids and ranges such as 0-3 or 0,2.";
                return null;
            }

            var dash = part.IndexOf('-', 1);
            var first = dash < 0 ? part : part[..dash].Trim();
            var last = dash < 0 ? part : part[(dash + 1)..].Trim();
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var to)
                || to < from)
            {
                error = $"Discord:ShardIds entry \"{part}\" is not a shard id or a range low-high; write ids and ranges such as 0-3 or 0,2.";
                return null;
            }

            for (var id = from; id <= to; id++)
            {
                if (ids.Contains(id))
                {
                    error = $"Discord:ShardIds names shard {id} twice; each shard runs in exactly one place.";
                    return null;
                }

                ids.Add(id);
            }
        }

        ids.Sort();
        return ids;
    }

    /// <summary>The Shards to run for a known total: all of them when no slice is set.</summary>
    public static IReadOnlyList<int> Resolve(string? text, int shardCount)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Enumerable.Range(0, shardCount).ToList();
        }

        var ids = Parse(text, out var error) ?? throw new InvalidOperationException(error);
        var outside = ids.Where(id => id >= shardCount).ToList();
        if (outside.Count > 0)
        {
            throw new InvalidOperationException(
                $"Discord:ShardIds names shard {outside[0]}, but Discord:ShardCount is {shardCount} (ids run from 0 to {shardCount - 1}).");
        }

        return ids;
    }
}
