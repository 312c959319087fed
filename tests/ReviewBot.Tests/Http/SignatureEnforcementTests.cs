using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Http;
using ReviewBot.Interactions;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>
/// Unsigned or badly signed requests over real HTTP: 401 and nothing runs. The same cases against a bot
/// whose verifier accepts everything show that these tests would catch a skipped check.
/// </summary>
public sealed class SignatureEnforcementTests
{
    public static TheoryData<string> Cases() => new(RejectionCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadlySignedRequest_Gets401_AndRunsNothing(string name)
    {
        var probe = new ProbeCommand();
        await using var http = await HttpBot.StartAsync(new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(probe) });

        var answer = await RejectionCase.All.Single(c => c.Name == name).SendAsync(http);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.Status);
        Assert.Equal(0, probe.Runs);
        Assert.DoesNotContain(http.Bot.Discord.Requests, r => r.Path.Contains("/interactions/", StringComparison.Ordinal) || r.Path.Contains("/webhooks/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithVerificationSkipped_TheBadlySignedRequestsAreAnswered_SoTheTestsAboveWouldFail()
    {
        var probe = new ProbeCommand();
        var options = new BotHostOptions
        {
            ConfigureServices = s =>
            {
                s.AddSingleton<ISlashCommand>(probe);
                s.AddSingleton<IInteractionSignatureVerifier, AcceptEverything>();
            },
        };
        await using var http = await HttpBot.StartAsync(options);

        var answered = new List<string>();
        foreach (var rejection in RejectionCase.All)
        {
            if ((await rejection.SendAsync(http)).Status != HttpStatusCode.Unauthorized)
            {
                answered.Add(rejection.Name);
            }
        }

        // None is refused any more, and every case that carries an interaction runs the command (the empty body has none).
        Assert.Equal(RejectionCase.All.Select(c => c.Name), answered);
        Assert.Equal(RejectionCase.All.Count - 1, probe.Runs);
    }

    [Fact]
    public async Task CorrectlySignedRequest_RunsTheCommandOnce()
    {
        var probe = new ProbeCommand();
        await using var http = await HttpBot.StartAsync(new BotHostOptions { ConfigureServices = s => s.AddSingleton<ISlashCommand>(probe) });

        var answer = await http.SlashAsync("probe");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("probed", answer.Json.GetProperty("data").GetProperty("content").GetString());
        Assert.Equal(1, probe.Runs);
    }

    /// <summary>One way a request can fail to be Discord's, built against the bot's real key where signing is involved.</summary>
    private sealed record RejectionCase(string Name, Func<HttpBot, Task<HttpAnswer>> Send)
    {
        public static readonly IReadOnlyList<RejectionCase> All =
        [
            new("signed by another key", http =>
            {
                using var stranger = new InteractionSigner();
                var (body, timestamp) = Probe(http);
                return http.PostAsync(body, stranger.Sign(timestamp, body), timestamp);
            }),
            new("body changed after signing", http =>
            {
                var (body, timestamp) = Probe(http);
                var signature = http.Signer.Sign(timestamp, body);
                var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"locale\":\"en-US\"", "\"locale\":\"de\"", StringComparison.Ordinal));
                Assert.NotEqual(body, changed);
                return http.PostAsync(changed, signature, timestamp);
            }),
            new("timestamp changed after signing", http =>
            {
                var (body, timestamp) = Probe(http);
                return http.PostAsync(body, http.Signer.Sign(timestamp, body), (long.Parse(timestamp) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }),
            new("no signature header", http =>
            {
                var (body, timestamp) = Probe(http);
                return http.PostAsync(body, null, timestamp);
            }),
            new("no timestamp header", http =>
            {
                var (body, timestamp) = Probe(http);
                return http.PostAsync(body, http.Signer.Sign(timestamp, body), null);
            }),
            new("signature not hex", http =>
            {
                var (body, timestamp) = Probe(http);
                return http.PostAsync(body, "g" + http.Signer.Sign(timestamp, body)[1..], timestamp);
            }),
            new("signed ten minutes ago", http =>
            {
                var (body, _) = Probe(http);
                var old = InteractionSigner.Timestamp(DateTimeOffset.UtcNow.AddMinutes(-10));
                return http.PostAsync(body, http.Signer.Sign(old, body), old);
            }),
            new("empty body", http =>
            {
                var timestamp = InteractionSigner.Timestamp(DateTimeOffset.UtcNow);
                return http.PostAsync([], http.Signer.Sign(timestamp, []), timestamp);
            }),
        ];

        public Task<HttpAnswer> SendAsync(HttpBot http) => Send(http);

        public override string ToString() => Name;

        private static (byte[] Body, string Timestamp) Probe(HttpBot http) =>
            (Encoding.UTF8.GetBytes(http.Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData("probe")).Payload.ToJsonString()), InteractionSigner.Timestamp(DateTimeOffset.UtcNow));
    }

    private sealed class AcceptEverything : IInteractionSignatureVerifier
    {
        public SignatureCheck CheckHeaders(string? signatureHex, string? timestamp) => SignatureCheck.Valid;

        public SignatureCheck Check(string? signatureHex, string? timestamp, ReadOnlySpan<byte> body) => SignatureCheck.Valid;
    }

    private sealed class ProbeCommand : ISlashCommand
    {
        private int _runs;

        public int Runs => Volatile.Read(ref _runs);

        public ApplicationCommandDefinition Definition { get; } = new() { Name = "probe", Description = "Counts its runs" };

        public Task<InteractionReply> ExecuteAsync(InteractionContext context, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _runs);
            return Task.FromResult(InteractionReply.From(new MessageBuilder().WithContent("probed")));
        }
    }
}
