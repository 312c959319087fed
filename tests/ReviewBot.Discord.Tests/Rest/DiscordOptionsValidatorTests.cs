using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ReviewBot.Discord.Tests.Rest;

public sealed class DiscordOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(DiscordOptions options) => new DiscordOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_MissingToken_NamesTheKeyAndWhereToSetIt()
    {
        var result = Validate(new DiscordOptions());

        Assert.True(result.Failed);
        Assert.Contains("Discord:Token is missing: set it in appsettings.json, user secrets or the Discord__Token environment variable", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc.déf.ghi")]
    [InlineData("abc.def.ghi\u0001")]
    [InlineData("abc.def.ghi\u007f")]
    [InlineData("abc\u200b.def.ghi")]
    public void Validate_TokenWithACharacterNoTokenHas_FailsWithoutRepeatingIt(string token)
    {
        // Such a token cannot be sent in a header: every request would fail, and the bot be restarted for ever.
        var result = Validate(new DiscordOptions { Token = token });

        Assert.True(result.Failed);
        Assert.Contains("Discord:Token contains a character no token has", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("abc", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ApplicationIdOrDevGuildIdZero_NamesTheKey()
    {
        // No snowflake is 0: left to Discord, the bot would start and fail at its first call (exit 1,
        // restarted by systemd) instead of stopping with exit 2 and the key to fix.
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", ApplicationId = 0, DevGuildId = 0 });

        Assert.True(result.Failed);
        Assert.Contains("Discord:ApplicationId must be the application's id from the developer portal", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Discord:DevGuildId must be a server's id", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ApplicationIdAndDevGuildIdGivenOrLeftOut_Succeed()
    {
        Assert.True(Validate(new DiscordOptions { Token = "abc.def.ghi" }).Succeeded);
        Assert.True(Validate(new DiscordOptions { Token = "abc.def.ghi", ApplicationId = 1178000000000000000, DevGuildId = 1178000000000000001 }).Succeeded);
    }

    [Theory]
    [InlineData("auto")]
    [InlineData("AUTO")]
    [InlineData("1")]
    [InlineData("16")]
    public void Validate_ShardCountNumberOrAuto_Succeeds(string shardCount) =>
        Assert.True(Validate(new DiscordOptions { Token = "abc.def.ghi", ShardCount = shardCount }).Succeeded);

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("many")]
    [InlineData("")]
    public void Validate_ShardCountNotPositiveOrAuto_FailsNamingTheKey(string shardCount)
    {
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", ShardCount = shardCount });

        Assert.True(result.Failed);
        Assert.Contains("Discord:ShardCount", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-50)]
    [InlineData(DiscordOptionsValidator.MaxGlobalRateLimitPerSecond + 1)]
    public void Validate_GlobalRateLimitOutOfRange_FailsNamingTheKey(int perSecond)
    {
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", GlobalRateLimitPerSecond = perSecond });

        Assert.True(result.Failed);
        Assert.Contains("Discord:GlobalRateLimitPerSecond", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_GlobalRateLimitDefault_IsDiscordsFifty() =>
        Assert.Equal(50, new DiscordOptions().GlobalRateLimitPerSecond);

    [Theory]
    [InlineData("http://discord.example/api/v10", "Discord:ApiBaseUrl must be an https URL")]
    [InlineData("http://10.0.0.5:3000/api/v10", "Discord:ApiBaseUrl must be an https URL")]
    [InlineData("ftp://discord.example/api/v10", "Discord:ApiBaseUrl must be an https URL")]
    [InlineData("ws://discord.example/api/v10", "Discord:ApiBaseUrl must be an https URL")]
    public void Validate_ApiBaseUrlThatWouldSendTheTokenUnencryptedOrNowhere_FailsNamingTheKey(string url, string expected)
    {
        // Every request carries the token in its Authorization header.
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", ApiBaseUrl = new Uri(url) });

        Assert.True(result.Failed);
        Assert.Contains(expected, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ws://gateway.discord.example")]
    [InlineData("https://gateway.discord.example")]
    [InlineData("ws://192.168.1.20:8080/gateway")]
    public void Validate_GatewayUrlThatWouldSendTheTokenUnencryptedOrNowhere_FailsNamingTheKey(string url)
    {
        // Identify, the connection's first message, carries the token.
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", GatewayUrl = new Uri(url) });

        Assert.True(result.Failed);
        Assert.Contains("Discord:GatewayUrl must be a wss URL", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://discord.com/api/v10", "wss://gateway.discord.gg")]
    [InlineData("http://127.0.0.1:5000/api/v10", "ws://127.0.0.1:5000/gateway")]
    [InlineData("http://localhost:5000/api/v10", "ws://localhost:5000/gateway")]
    [InlineData("http://[::1]:5000/api/v10", "ws://[::1]:5000/gateway")]
    public void Validate_EncryptedUrlsOrPlainOnesToThisMachine_Succeed(string api, string gateway) =>
        Assert.True(Validate(new DiscordOptions { Token = "abc.def.ghi", ApiBaseUrl = new Uri(api), GatewayUrl = new Uri(gateway) }).Succeeded);

    [Fact]
    public void Validate_PlainApiBaseUrlWithAPassword_DoesNotRepeatIt()
    {
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", ApiBaseUrl = new Uri("http://proxy:hunter2@discord-proxy.internal/api/v10") });

        Assert.True(result.Failed);
        Assert.Contains("(was http://discord-proxy.internal/api/v10)", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RelativeApiBaseUrl_FailsNamingTheKey()
    {
        var result = Validate(new DiscordOptions { Token = "abc.def.ghi", ApiBaseUrl = new Uri("/api/v10", UriKind.Relative) });

        Assert.Contains("Discord:ApiBaseUrl", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokenWithBotPrefix_FailsWithoutEchoingTheToken()
    {
        var result = Validate(new DiscordOptions { Token = "Bot secret-value-123" });

        Assert.True(result.Failed);
        Assert.DoesNotContain("secret-value-123", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiscordRest_InvalidConfiguration_FailsWhenOptionsAreRead()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:ShardCount"] = "zero" }).Build();
        using var provider = new ServiceCollection().AddLogging().AddDiscordRest(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DiscordOptions>>().Value);

        Assert.Contains("Discord:Token is missing", error.Message, StringComparison.Ordinal);
        Assert.Contains("Discord:ShardCount", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiscordRest_BoundConfiguration_ReadsEveryKey()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "abc.def.ghi",
            ["Discord:ApplicationId"] = "1100000000000000001",
            ["Discord:ApiBaseUrl"] = "http://127.0.0.1:5000/api/v10",
            ["Discord:GatewayUrl"] = "ws://127.0.0.1:5000/gateway",
            ["Discord:ShardCount"] = "2",
            ["Discord:DevGuildId"] = "1300000000000000001",
            ["Discord:GlobalRateLimitPerSecond"] = "500",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddDiscordRest(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.Equal(1_100_000_000_000_000_001UL, options.ApplicationId);
        Assert.Equal("http://127.0.0.1:5000/api/v10", options.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("2", options.ShardCount);
        Assert.Equal(1_300_000_000_000_000_001UL, options.DevGuildId);
        Assert.Equal(500, options.GlobalRateLimitPerSecond);
        Assert.NotNull(provider.GetRequiredService<ReviewBot.Discord.Gateway.IGatewayBotSource>());
    }

    [Fact]
    public void AddDiscordRest_OptionalKeysLeftEmpty_BindAsAbsentAndValidate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Discord:Token"] = "abc.def.ghi",
            ["Discord:ApplicationId"] = "",
            ["Discord:GatewayUrl"] = "",
            ["Discord:DevGuildId"] = "",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddDiscordRest(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<DiscordOptions>>().Value;

        Assert.Null(options.ApplicationId);
        Assert.True(options.GatewayUrl is null || options.GatewayUrl.OriginalString.Length == 0);
        Assert.Null(options.DevGuildId);
        Assert.Equal("https://discord.com/api/v10", options.ApiBaseUrl.AbsoluteUri);
        Assert.Equal("auto", options.ShardCount);
    }
}
