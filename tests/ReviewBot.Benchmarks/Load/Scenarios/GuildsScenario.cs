using System.Globalization;
using System.Text.Json.Nodes;
using ReviewBot.Benchmarks.Data;

namespace ReviewBot.Benchmarks.Load.Scenarios;

/// <summary>
/// G guilds arrive as GUILD_CREATE on one shard; then the bot's working set at rest (after a full
/// compacting GC), with the 10,000-review store behind it and its caches warm.
/// </summary>
public static class GuildsScenario
{
    public const string Name = "guilds";

    public static async Task RunAsync(GeneratedStore store, LoadOptions options, LoadReport report)
    {
        var (rig, reason) = await BotRig.StartAsync(store.DatabasePath);
        if (rig is null)
        {
            report.NotAvailable(Name, reason!);
            return;
        }

        await using (rig)
        {
            var driver = new InteractionDriver(rig.Fake);
            var applicationId = rig.Fake.Options.ApplicationId;

            // Warm caches as a running bot has them (title index, pools) before measuring the baseline.
            var warmup = await driver.RunAsync(Workload.Mixed(200, store.Size, applicationId, seed: 3), 8, TimeSpan.FromSeconds(60));
            var baseline = await rig.Bot.StatsAsync(collectFirst: true);

            for (var i = 0; i < options.Guilds; i++)
            {
                await rig.Fake.DispatchAsync("GUILD_CREATE", Guild(i));
            }

            // Dispatches are read in order: once an interaction sent after them is answered, all were read.
            var sentinel = await driver.RunAsync([Workload.Sentinel(applicationId)], 1, TimeSpan.FromSeconds(120));
            await Task.Delay(TimeSpan.FromSeconds(1)); // let handlers that run off the receive loop finish
            var after = await rig.Bot.StatsAsync(collectFirst: true);

            var note = sentinel.Answered == 1 && warmup.Answered > 0
                ? "after a full compacting GC; caches warm"
                : "the bot answered no interaction, so 'all guilds read' is not proven";
            var workingSetMb = after.WorkingSetBytes / 1048576.0;
            report.Measured(Name, $"working set at rest, {options.Guilds:N0} guilds + 10k-review store", workingSetMb, "MB", "< 80 MB", workingSetMb < 80, note);
            report.Measured(Name, "working set before the guilds", baseline.WorkingSetBytes / 1048576.0, "MB");
            report.Measured(Name, "managed heap after the guilds", after.GcHeapBytes / 1048576.0, "MB", "", null, $"GC committed {after.GcCommittedBytes / 1048576.0:0.#} MB");
            report.Measured(Name, "of the working set: anonymous (heaps, JIT code, SQLite cache)", after.RssAnonBytes / 1048576.0, "MB");
            report.Measured(Name, "of the working set: mapped files (runtime, assemblies)", after.RssFileBytes / 1048576.0, "MB", "", null, "shared with other .NET processes on the machine");
            report.Measured(Name, "of the working set: shared memory (JIT code, W^X double mapping)", after.RssShmemBytes / 1048576.0, "MB");
            report.Measured(Name, "working set per guild", (after.WorkingSetBytes - baseline.WorkingSetBytes) / 1024.0 / Math.Max(1, options.Guilds), "KB");
        }
    }

    /// <summary>A GUILD_CREATE with what Discord sends for a mid-sized server (channels, roles), minus members and presences.</summary>
    internal static JsonObject Guild(int index)
    {
        var id = 1_700_000_000_000_000_000UL + (ulong)index * 1000;
        var channels = new JsonArray();
        for (var c = 1; c <= 12; c++)
        {
            channels.Add(new JsonObject
            {
                ["id"] = (id + (ulong)c).ToString(CultureInfo.InvariantCulture),
                ["type"] = c == 12 ? 15 : 0,
                ["name"] = $"channel-{c}",
                ["position"] = c,
                ["permission_overwrites"] = new JsonArray(),
                ["topic"] = "Talk about this season's shows",
            });
        }

        var roles = new JsonArray();
        for (var r = 0; r < 6; r++)
        {
            roles.Add(new JsonObject
            {
                ["id"] = (id + 100 + (ulong)r).ToString(CultureInfo.InvariantCulture),
                ["name"] = r == 0 ? "@everyone" : $"role-{r}",
                ["permissions"] = "1071698660929",
                ["position"] = r,
                ["color"] = 0,
                ["hoist"] = false,
                ["managed"] = false,
                ["mentionable"] = true,
            });
        }

        return new JsonObject
        {
            ["id"] = id.ToString(CultureInfo.InvariantCulture),
            ["name"] = $"Anime Club {index}",
            ["unavailable"] = false,
            ["member_count"] = 50 + (index % 500),
            ["owner_id"] = "1500000000000000001",
            ["system_channel_id"] = (id + 1).ToString(CultureInfo.InvariantCulture),
            ["joined_at"] = "2024-01-01T00:00:00+00:00",
            ["large"] = false,
            ["features"] = new JsonArray(),
            ["channels"] = channels,
            ["roles"] = roles,
            ["threads"] = new JsonArray(),
            ["members"] = new JsonArray(),
            ["voice_states"] = new JsonArray(),
            ["presences"] = new JsonArray(),
            ["emojis"] = new JsonArray(),
            ["stickers"] = new JsonArray(),
        };
    }
}
