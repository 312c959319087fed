namespace ReviewBot.Tests.Infrastructure;

public sealed partial class BotHost
{
    /// <summary>Every body the bot sent passed Discord's OpenAPI schema and rules, and no limit was hit.</summary>
    public void AssertEveryRequestValid()
    {
        Assert.Empty(Discord.SchemaViolations);
        Assert.Equal(0, Discord.RateLimitedResponses);
        Assert.All(Discord.Requests, r => Assert.InRange(r.Status, 200, 299));
    }
}
