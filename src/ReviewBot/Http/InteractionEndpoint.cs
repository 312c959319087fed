using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ReviewBot.Discord.Interactions;
using ReviewBot.Discord.Models;
using ReviewBot.Discord.Rest;
using ReviewBot.Interactions;

namespace ReviewBot.Http;

/// <summary>
/// <c>POST /interactions</c>: Discord's Interactions Endpoint URL. The signature is checked before the
/// body is even parsed; anything unsigned gets 401 and runs nothing (Discord docs: Interactions,
/// "Receiving and Responding", Security and Authorization). PING is answered PONG; everything else
/// is decided by the same <see cref="InitialResponses"/> (router, handlers, defer timing) as the gateway,
/// and that initial response is this request's response body; after a defer, <see cref="LateReplies"/>
/// delivers the handler's answer over REST, as on the gateway.
/// </summary>
public sealed class InteractionEndpoint(
    IInteractionSignatureVerifier verifier,
    InitialResponses responses,
    LateReplies late,
    InteractionMetrics metrics,
    InteractionLifetime lifetime,
    TimeProvider time,
    ILogger<InteractionEndpoint> logger) : IInitialResponseTarget
{
    public const string Path = "/interactions";

    /// <summary>An interaction is a few KiB; a body this large is not one, and is refused before it is read.</summary>
    public const int MaxBodyBytes = 1 << 20;

    /// <summary>
    /// Discord stops waiting for the response 3 s after it sent the request (docs: Interactions, Receiving and
    /// Responding), and sends the body with its headers: a body still arriving after this is no one's answer to wait for.
    /// </summary>
    public static readonly TimeSpan BodyDeadline = TimeSpan.FromSeconds(3);

    private static readonly byte[] Pong = """{"type":1}"""u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var received = Stopwatch.GetTimestamp();
        var request = context.Request;
        var signature = Single(request.Headers["X-Signature-Ed25519"]);
        var timestamp = Single(request.Headers["X-Signature-Timestamp"]);

        // What the headers alone refuse is refused before the body is read: waiting for a body (up to
        // MaxBodyBytes, as slowly as Kestrel's minimum data rate allows) and buffering it would let anyone
        // hold the endpoint's memory and connections without a key.
        var headers = verifier.CheckHeaders(signature, timestamp);
        if (headers != SignatureCheck.Valid)
        {
            await RefuseAsync(context, headers);
            return;
        }

        var read = await SignedBody.ReadAsync(request, MaxBodyBytes, BodyDeadline, time, context.RequestAborted);
        if (read.Bytes is not { } body)
        {
            // Information, as for a bad signature: headers like these cost nothing to forge, so whoever sent
            // the body may be anyone, and a line at Error (with a stack trace) for each would flood the log.
            logger.LogInformation("Refused an interaction request from {RemoteAddress} with {StatusCode}: {Problem}", context.Connection.RemoteIpAddress, read.Status, read.Why);
            metrics.Refused(read.Reason);
            context.Response.StatusCode = read.Status;
            return;
        }

        var check = verifier.Check(signature, timestamp, body);
        if (check != SignatureCheck.Valid)
        {
            await RefuseAsync(context, check);
            return;
        }

        Interaction interaction;
        try
        {
            interaction = InteractionJson.Parse(body);
        }
        catch (JsonException exception)
        {
            // Signed by Discord yet unreadable: a change on Discord's side that the operator must see.
            logger.LogError(exception, "Could not read a signed interaction request");
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (interaction.Type == InteractionType.Ping)
        {
            await WriteAsync(context, Pong);
            return;
        }

        if (!InitialResponses.Answers(interaction.Type))
        {
            logger.LogWarning("Interaction {InteractionId} has type {InteractionType}, which this bot does not answer", interaction.Id, interaction.Type);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await responses.AnswerAsync(interaction, received, this, context, lifetime.Stopped);
    }

    /// <summary>
    /// The initial response as this request's response: written here on the request's thread, or on
    /// the deadline timer's while the handler still blocks the request's thread (which then touches the
    /// exchange again only after this has returned).
    /// </summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    async ValueTask IInitialResponseTarget.SendAsync(Interaction interaction, InitialResponse answer, long received, object? state, CancellationToken cancellationToken)
    {
        var context = (HttpContext)state!;
        if (answer.Reply is { HasFiles: true })
        {
            // Discord takes files only in a multipart/form-data request it receives (the callback, a
            // webhook edit), not as the HTTP response to its own request
            // (https://github.com/discord/discord-api-docs/issues/5933): acknowledge here and let the
            // edit of @original carry the files, so an embed never points at an attachment that is missing.
            answer = InitialResponses.DeferReply(interaction, answer);
        }

        try
        {
            await WriteAnswerAsync(context, answer);
        }
        finally
        {
            // A reply written as the response is sent (or failed): what it read its bytes into goes back
            // to the pool. A deferred one is delivered, and then handed back, by LateReplies.
            if (answer.Kind == InitialResponseKind.Reply)
            {
                answer.Reply?.Release();
            }
        }

        metrics.OnceWritten(received, answer.Name, answer.InteractionKind, answer.KindTag)();
        if (answer.Pending is { } pending)
        {
            // @original exists only once Discord has the defer, and this response is the defer. A write
            // that failed threw above, so a handler whose defer never went out has nothing delivered.
            late.Deliver(interaction, answer.Name, pending, cancellationToken);
        }
    }

    /// <summary>Suggestions, or the callback body: the one kept with a finished answer, else encoded now (without a nonce, which belongs to a created message).</summary>
    private static async Task WriteAnswerAsync(HttpContext context, InitialResponse answer)
    {
        if (answer.Autocomplete is { } choices)
        {
            await WriteAsync(context, JsonSerializer.SerializeToUtf8Bytes(choices, DiscordJsonContext.Default.AutocompleteResponse));
            return;
        }

        var body = answer.Body ?? InteractionCallbackBody.Create(answer.Message!);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = body.ContentType.ToString();
        context.Response.ContentLength = body.Length;
        await body.WriteToAsync(context.Response.Body, context.RequestAborted);
        await context.Response.CompleteAsync();
    }

    private static async Task WriteAsync(HttpContext context, byte[] json)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
        await context.Response.CompleteAsync();
    }

    private async Task RefuseAsync(HttpContext context, SignatureCheck check)
    {
        // Information, not Warning: Discord itself sends badly signed requests now and then to check that they are refused.
        logger.LogInformation("Refused an interaction request from {RemoteAddress}: {SignatureCheck}", context.Connection.RemoteIpAddress, check);
        metrics.Refused(check.ToString());
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        await context.Response.WriteAsync("invalid request signature", context.RequestAborted);
    }

    /// <summary>A header sent twice is as good as a forged one.</summary>
    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.Count == 1 ? values[0] : null;
}
