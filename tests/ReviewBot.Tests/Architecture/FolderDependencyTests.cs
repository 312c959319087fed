using System.Text.RegularExpressions;

namespace ReviewBot.Tests.Architecture;

/// <summary>
/// The host's feature folders depend one way: Cli -> Bot -> {Interactions, Reviews, Subscriptions,
/// Sources, Duties, Http, Charts}, Cli -> {Interactions, Reviews}, Reviews / Subscriptions -> {Interactions, Ratings,
/// Charts, Duties}, Ratings -> {Interactions, Charts}, Http -> Interactions (the HTTP endpoint reuses how an
/// interaction is answered; nothing in Interactions knows it exists), Http -> Duties (readiness waits for the
/// gateway only in a process that runs it), and Subscriptions / Sources / Charts / Reviews ->
/// Duties (their one-at-a-time services: delivery, feeds and inbox, the chart and answer backfills). Read from the using directives of src/ReviewBot, so a
/// using that points back fails here, naming the file.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Cli"] = ["Bot", "Interactions", "Reviews", "Ratings", "Charts"],
        ["Bot"] = ["Interactions", "Reviews", "Subscriptions", "Sources", "Duties", "Http", "Charts"],
        ["Interactions"] = [],
        ["Reviews"] = ["Interactions", "Ratings", "Charts", "Duties"],
        ["Subscriptions"] = ["Interactions", "Ratings", "Charts", "Duties"],
        ["Sources"] = ["Duties"],
        ["Duties"] = [],
        ["Http"] = ["Interactions", "Duties"],
        ["Ratings"] = ["Interactions", "Charts"],
        ["Charts"] = ["Duties"],
    };

    [Fact]
    public void FeatureFolders_UseOnlyTheFoldersBelowThem()
    {
        var host = Path.Combine(RepositoryRoot(), "src", "ReviewBot");
        var wrong = new List<string>();
        foreach (var (folder, allowed) in Allowed)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(host, folder), "*.cs", SearchOption.AllDirectories))
            {
                foreach (Match use in HostUsing().Matches(File.ReadAllText(file)))
                {
                    var target = use.Groups[1].Value;
                    if (target != folder && !allowed.Contains(target))
                    {
                        wrong.Add($"{Path.GetRelativePath(host, file)} uses ReviewBot.{target}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, "Dependencies pointing the wrong way:\n" + string.Join("\n", wrong));
    }

    [GeneratedRegex(@"^using ReviewBot\.(Cli|Bot|Interactions|Reviews|Subscriptions|Sources|Duties|Http|Ratings|Charts)\b", RegexOptions.Multiline)]
    private static partial Regex HostUsing();

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ReviewBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("ReviewBot.sln was not found above " + AppContext.BaseDirectory);
    }
}
