using System.Text;
using Microsoft.Extensions.Configuration;
using ReviewBot.Core.Sources;
using ReviewBot.Core.Storage;

namespace ReviewBot.Core.Tests;

/// <summary>A key under the program's own sections that is no setting is named, with what it probably meant; other sections are left alone.</summary>
public sealed class SettingKeysTests
{
    private static SettingKeys Keys() => new SettingKeys()
        .Value("ConnectionStrings:Reviews")
        .Value(StorageOptions.SqliteCacheSizeKey)
        .Value("Duties")
        .Section<ReviewsOptions>(ReviewsOptions.SectionName)
        .Section<InboxOptions>(InboxOptions.SectionName)
        .Section<FeedsOptions>(FeedsOptions.SectionName)
        .ListOf<FeedSourceOptions>("Feeds:Sources");

    private static IConfiguration Json(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();

    [Fact]
    public void Problems_EverySettingInItsOwnCaseOrAnother_AreNone()
    {
        var configuration = Json(
            """
            {
              "ConnectionStrings": { "reviews": "Data Source=x.db" },
              "Storage": { "SQLITECACHESIZEKIB": 512 },
              "Duties": "delivery",
              "Reviews": { "SeedDirectory": "samples", "inboxDirectory": "inbox" },
              "Feeds": { "Jitter": 0.2, "Sources": [ { "Url": "https://a.example/feed", "pollinterval": "01:00:00" }, { "url": "https://b.example/feed" } ],
                         "AllowedPrivateAddresses": [ "10.0.0.0/8", "feeds.internal" ], "Sources2": null }
            }
            """);

        Assert.Equal(["Feeds:Sources2 is not a setting; did you mean Feeds:Sources?"], Keys().Problems(configuration));
    }

    /// <summary>In configuration's order of keys, which is how the sections list them.</summary>
    [Fact]
    public void Problems_MisspeltKeys_EachNamedWithTheClosestSetting()
    {
        var configuration = Json(
            """
            {
              "Feeds": { "Jiter": 0.5, "Sources": [ { "Url": "https://a.example/feed", "Interval": "01:00:00" } ] },
              "Storage": { "SqliteCacheSize": 512, "Colour": "blue" },
              "Duties": { "Run": "delivery" },
              "Reviews": { "InboxDir": "inbox" }
            }
            """);

        Assert.Equal(
            [
                "Duties must be a single value, not an object or a list (found Duties:Run).",
                "Feeds:Jiter is not a setting; did you mean Feeds:Jitter?",
                "Feeds:Sources:0:Interval is not a setting; did you mean Feeds:Sources:0:PollInterval?",
                "Reviews:InboxDir is not a setting; did you mean Reviews:InboxDirectory?",
                "Storage:Colour is not a setting.",
                "Storage:SqliteCacheSize is not a setting; did you mean Storage:SqliteCacheSizeKiB?",
            ],
            Keys().Problems(configuration));
    }

    [Fact]
    public void Problems_InTheEnvironment_NameTheKey()
    {
        // A prefix of this test's own, so no other test reads the variables.
        var prefix = $"REVIEWBOT_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable(prefix + "Feeds__Jiter", "0.5");
        Environment.SetEnvironmentVariable(prefix + "Storage__SqliteCacheSizeKib", "512");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(prefix).Build();

            Assert.Equal(["Feeds:Jiter is not a setting; did you mean Feeds:Jitter?"], Keys().Problems(configuration));
        }
        finally
        {
            Environment.SetEnvironmentVariable(prefix + "Feeds__Jiter", null);
            Environment.SetEnvironmentVariable(prefix + "Storage__SqliteCacheSizeKib", null);
        }
    }

    [Fact]
    public void Problems_SectionsThatAreNotTheProgramsAndValuesOnASection_AreLeftAlone()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["Kestrel:Limits:MaxRequestBodySize"] = "1",
            ["hostBuilder:reloadConfigOnChange"] = "false",
            ["PATH"] = "/usr/bin",
            ["Feeds"] = "an environment variable of another program",
        }).Build();

        Assert.Empty(Keys().Problems(configuration));
    }

    [Fact]
    public void Problems_AListEntryWrittenAsAList_IsOneValueWrittenAsAList()
    {
        var configuration = Json("""{ "Feeds": { "AllowedPrivateAddresses": ["10.0.0.0/8", ["192.168.0.1"]] } }""");

        Assert.Equal(
            ["Feeds:AllowedPrivateAddresses:1 must be a single value, not an object or a list (found Feeds:AllowedPrivateAddresses:1:0)."],
            Keys().Problems(configuration));
    }

    /// <summary>A list of objects whose class was never named could not be checked: that is the catalogue's mistake, not the operator's.</summary>
    [Fact]
    public void Problems_AListOfObjectsNotDescribed_IsAProgrammingError()
    {
        var keys = new SettingKeys().Section<FeedsOptions>(FeedsOptions.SectionName);

        var failure = Assert.Throws<InvalidOperationException>(() => keys.Problems(Json("""{ "Feeds": { "Sources": [ { "Url": "https://a.example/feed" } ] } }""")));

        Assert.Contains("Feeds:Sources", failure.Message, StringComparison.Ordinal);
    }
}
