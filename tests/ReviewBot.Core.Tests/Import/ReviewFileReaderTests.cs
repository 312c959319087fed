using ReviewBot.Core.Import;

namespace ReviewBot.Core.Tests.Import;

public sealed class ReviewFileReaderTests
{
    [Fact]
    public async Task SizeLimit_HoldsWhileReading_WhenTheReportedSizeIsZero()
    {
        // Files under /proc report a size of 0 and still return text when read.
        Assert.Equal(0, new FileInfo("/proc/self/status").Length);

        var read = await ReviewFileReader.ReadAsync("/proc/self/status", limit: 64, CancellationToken.None);

        Assert.Equal(ReviewFileProblem.TooLarge, read.Problem);
        Assert.Equal("the file is over 64 bytes; the limit is 64 bytes (64 bytes) for a review", read.Error);
    }

    [Fact]
    public async Task FileWithinTheLimit_IsRead()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("reviewbot-reader-").FullName, "a.txt");
        await File.WriteAllTextAsync(path, "Frieren Season 1 Review");

        var read = await ReviewFileReader.ReadAsync(path, limit: 64, CancellationToken.None);

        Assert.Equal(("Frieren Season 1 Review", ReviewFileProblem.None), (read.Text, read.Problem));
        Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
    }
}
