namespace ReviewBot.Core.Import;

/// <summary>
/// How the file importer reads a review file: <see cref="ReviewFileReader"/> on the real file system.
/// A seam, as <see cref="IReviewImporter"/> is, so a test can make a write land while a file is read,
/// which no real file lets a test time.
/// </summary>
public interface IReviewFileReader
{
    Task<ReviewFileRead> ReadAsync(string path, long limit, CancellationToken cancellationToken);
}

/// <summary>Reads with <see cref="ReviewFileReader"/>.</summary>
public sealed class FileSystemReviewFileReader : IReviewFileReader
{
    public Task<ReviewFileRead> ReadAsync(string path, long limit, CancellationToken cancellationToken) =>
        ReviewFileReader.ReadAsync(path, limit, cancellationToken);
}
