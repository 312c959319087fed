using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ReviewBot.Core.Reviews;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Import;

/// <summary>Imports the samples folder into an empty database (never announced: back catalogue).</summary>
public sealed class SampleSeeder(
    IOptions<ReviewsOptions> options, ReviewStore reviews, ReviewFileImporter files, ReviewDatabase database, ILogger<SampleSeeder> logger)
{
    public async Task<IReadOnlyList<ImportResult>> SeedIfEmptyAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.ImportSamplesWhenEmpty || await reviews.CountAsync(cancellationToken) > 0)
        {
            return [];
        }

        // Every sample would fail on its first write, each with the engine's words for it and none
        // saying why the import was tried at all; a read-only store is what was asked for, so it is
        // answered from as it is, with one line that says it stays empty.
        if (await database.IsReadOnlyAsync(cancellationToken))
        {
            logger.LogWarning(
                "The database {Database} has no reviews and is opened read-only, so the samples were not imported; answers will find nothing until reviews are imported with a connection that can write (without Mode=ReadOnly in ConnectionStrings:Reviews)",
                database.DatabaseFile ?? "in ConnectionStrings:Reviews");
            return [];
        }

        var directory = ResolveDirectory(options.Value.SeedDirectory);
        if (directory is null)
        {
            logger.LogWarning("The database has no reviews and the seed folder {SeedDirectory} was not found", options.Value.SeedDirectory);
            return [];
        }

        var results = await files.ImportPathsAsync([directory], announce: false, ReviewOrigin.File, cancellationToken);
        logger.LogInformation("Seeded {Count} sample reviews from {SeedDirectory}", results.Count(r => r.Succeeded), directory);
        return results;
    }

    /// <summary>The folder as given (relative to the current directory), else the same name next to the binary.</summary>
    internal static string? ResolveDirectory(string configured)
    {
        if (Directory.Exists(configured))
        {
            return Path.GetFullPath(configured);
        }

        if (Path.IsPathRooted(configured))
        {
            return null;
        }

        var besideBinary = Path.Combine(AppContext.BaseDirectory, configured);
        if (Directory.Exists(besideBinary))
        {
            return besideBinary;
        }

        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        return Directory.Exists(samples) ? samples : null;
    }
}
