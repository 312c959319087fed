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

    /// <summary>
    /// The folder as given (relative to the current directory), else the same name next to the binary,
    /// else the samples next to the binary. A name that leads to something other than a folder (the
    /// sample file itself, not its folder) is a setting to fix, not a folder that is missing: passed
    /// over, the samples beside the binary were imported in its place, or nothing was and the store
    /// stayed empty with only a warning in the log.
    /// </summary>
    /// <exception cref="OptionsValidationException">The setting names a file, or anything else that is not a folder.</exception>
    internal static string? ResolveDirectory(string configured)
    {
        if (IsFolder(configured, configured))
        {
            return Path.GetFullPath(configured);
        }

        if (Path.IsPathRooted(configured))
        {
            return null;
        }

        var besideBinary = Path.Combine(AppContext.BaseDirectory, configured);
        if (IsFolder(besideBinary, configured))
        {
            return besideBinary;
        }

        var samples = Path.Combine(AppContext.BaseDirectory, "samples");
        return Directory.Exists(samples) ? samples : null;
    }

    private static bool IsFolder(string path, string configured)
    {
        var kind = FileProbe.KindOf(path, followLinks: true);
        if (kind is FileKind.Directory)
        {
            return true;
        }

        if (kind is FileKind.Missing or FileKind.Unreachable)
        {
            return false;
        }

        var what = kind == FileKind.Regular ? "a file" : FileProbe.Describe(kind);
        throw new OptionsValidationException(ReviewsOptions.SectionName, typeof(ReviewsOptions), [
            $"Reviews:SeedDirectory \"{configured}\" is {what}, not a folder; set it to the folder of review files (*.txt, *.md) to import into an empty database, e.g. \"samples\", or set Reviews:ImportSamplesWhenEmpty=false.",
        ]);
    }
}
