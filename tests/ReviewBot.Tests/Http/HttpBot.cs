using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FakeDiscord.Rest;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Tests.Infrastructure;

namespace ReviewBot.Tests.Http;

/// <summary>An HTTP answer of the bot: status and, when there is one, the JSON body.</summary>
public sealed record HttpAnswer(HttpStatusCode Status, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement;

    public InteractionCallbackType Type => (InteractionCallbackType)Json.GetProperty("type").GetInt32();

    /// <summary>Schema violations of the body as an interaction callback (Discord's OpenAPI document).</summary>
    public IReadOnlyList<string> SchemaViolations =>
        OpenApiRequestSchemas.Instance.Validate(HttpBot.CallbackRoute, Text);
}

/// <summary>
/// The real bot (<see cref="BotHost"/>) with its HTTP listener on 127.0.0.1 port 0 and the interactions
/// endpoint on, the public key being that of a key made in the test; requests go over real HTTP.
/// </summary>
public sealed class HttpBot : IAsyncDisposable
{
    public const string CallbackRoute = "POST /interactions/{interaction_id}/{interaction_token}/callback";

    private HttpBot(BotHost bot, InteractionSigner signer)
    {
        Bot = bot;
        Signer = signer;
        Client = new HttpClient { BaseAddress = Address(bot.Services), Timeout = BotHost.Timeout };
    }

    public BotHost Bot { get; }

    public InteractionSigner Signer { get; }

    public HttpClient Client { get; }

    public static async Task<HttpBot> StartAsync(BotHostOptions? options = null, bool publicKey = true)
    {
        options ??= new BotHostOptions();
        var signer = new InteractionSigner();
        options.Settings.TryAdd("Http:Listen", "http://127.0.0.1:0");
        if (publicKey)
        {
            options.Settings.TryAdd("Discord:PublicKey", signer.PublicKeyHex);
        }

        var bot = await BotHost.StartAsync(options);
        try
        {
            // The gateway identifies before Kestrel (the last hosted service) has started; ApplicationStarted follows it.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using var registration = bot.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStarted.Register(started.SetResult);
            await started.Task.WaitAsync(BotHost.Timeout);
            return new HttpBot(bot, signer);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }
    }

    /// <summary>Where Kestrel really listens (port 0 was given).</summary>
    public static Uri Address(IServiceProvider services) =>
        new(services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());

    /// <summary>Signs <paramref name="payload"/> as Discord would, now, and posts it.</summary>
    public Task<HttpAnswer> SendAsync(JsonObject payload)
    {
        var body = Encoding.UTF8.GetBytes(payload.ToJsonString());
        var timestamp = InteractionSigner.Timestamp(DateTimeOffset.UtcNow);
        return PostAsync(body, Signer.Sign(timestamp, body), timestamp);
    }

    public Task<HttpAnswer> SlashAsync(string command, params SlashOption[] options) =>
        SendAsync(Bot.InteractionPayload(InteractionType.ApplicationCommand, BotHost.ChannelId, BotHost.SlashData(command, options)).Payload);

    /// <summary>Posts exactly these bytes and headers (null leaves a header out).</summary>
    /// <param name="expectContinue">
    /// Send the body only once the server asks for it (Expect: 100-continue). A body the server refuses
    /// unread is otherwise still on its way when the server answers and closes, and the client may
    /// see the connection reset instead of the answer.
    /// </param>
    public async Task<HttpAnswer> PostAsync(byte[] body, string? signature, string? timestamp, bool expectContinue = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new ByteArrayContent(body) };
        request.Headers.ExpectContinue = expectContinue ? true : null;
        request.Content.Headers.ContentType = new("application/json");
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Ed25519", signature);
        }

        if (timestamp is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Signature-Timestamp", timestamp);
        }

        using var response = await Client.SendAsync(request);
        return new HttpAnswer(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Bot.DisposeAsync();
        Signer.Dispose();
    }
}
