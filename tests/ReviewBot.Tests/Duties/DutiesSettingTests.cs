using ReviewBot.Duties;
using ReviewBot.Tests.Cli;

namespace ReviewBot.Tests.Duties;

public sealed class DutiesSettingTests
{
    [Theory]
    [InlineData("gateway, frobnicate", "unknown duty \"frobnicate\"")]
    [InlineData(" , ", "lists nothing to run")]
    public async Task Run_UnknownOrEmptyDuties_IsAConfigurationError(string duties, string expected)
    {
        using var run = new ProgramRun();

        var (exitCode, _, error) = await run.RunAsync("run", "--Discord:Token=test-token", "--Discord:ApiBaseUrl=http://127.0.0.1:9/api/v10", "--Duties=" + duties);

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration error: Duties", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DutiesOptions.All, true, true, true)]
    [InlineData("Delivery", false, true, false)]
    [InlineData("gateway,sources", true, false, true)]
    public void Duties_ListedOnesAreOn_CaseAndSpacesIgnored(string setting, bool gateway, bool delivery, bool sources)
    {
        var options = new DutiesOptions { Run = setting };

        Assert.Equal((gateway, delivery, sources), (options.Gateway, options.Delivery, options.Sources));
    }
}
