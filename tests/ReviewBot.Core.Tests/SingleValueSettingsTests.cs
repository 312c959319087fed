using System.Text;
using Microsoft.Extensions.Configuration;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests;

/// <summary>A setting that takes one value, written as an object or a list in any source, is named as the failure it is.</summary>
public sealed class SingleValueSettingsTests
{
    [Fact]
    public void Problems_ObjectAndListInAppSettingsJson_NameEachKey()
    {
        var json = """{ "Feeds": { "Jitter": { "a": 1 }, "MaxRedirects": 3 }, "Storage": { "SqliteCacheSizeKiB": [1, 2] } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        Assert.Equal(["Feeds:Jitter must be a single value, not an object or a list (found Feeds:Jitter:a)."], SingleValueSettings.Problems<FeedsOptions>(configuration, "Feeds"));
        Assert.Equal(["Storage:SqliteCacheSizeKiB must be a single value, not an object or a list (found Storage:SqliteCacheSizeKiB:0)."], SingleValueSettings.Problems<StorageOptions>(configuration, "Storage"));
    }

    [Fact]
    public void Problems_ListInTheEnvironment_NamesTheKey()
    {
        // A prefix of this test's own, so no other test reads the variable.
        var prefix = $"REVIEWBOT_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Feeds__Jitter__0", "0.5");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            Assert.Equal(["Feeds:Jitter must be a single value, not an object or a list (found Feeds:Jitter:0)."], SingleValueSettings.Problems<FeedsOptions>(configuration, "Feeds"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Feeds__Jitter__0", null);
        }
    }

    [Fact]
    public void Problems_ListEntryThatIsItselfAList_NamesTheEntry()
    {
        var json = """{ "Feeds": { "AllowedPrivateAddresses": ["10.0.0.0/8", ["192.168.0.1"]] } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        Assert.Equal(
            ["Feeds:AllowedPrivateAddresses:1 must be a single value, not an object or a list (found Feeds:AllowedPrivateAddresses:1:0)."],
            SingleValueSettings.Problems<FeedsOptions>(configuration, "Feeds"));
    }

    [Fact]
    public void Problems_ListsWhereListsBelong_AreNone()
    {
        var json = """{ "Feeds": { "Jitter": 0.2, "Sources": [ { "Url": "https://a.example/feed" } ], "AllowedPrivateAddresses": ["10.0.0.0/8"] } }""";
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

        Assert.Empty(SingleValueSettings.Problems<FeedsOptions>(configuration, "Feeds"));
    }
}
