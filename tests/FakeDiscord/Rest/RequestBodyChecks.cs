using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;

namespace FakeDiscord.Rest;

/// <summary>
/// A server's request bodies checked against <see cref="OpenApiRequestSchemas"/>, remembering the
/// verdict per distinct body. Schema validation is by far the fake's costliest step (the message
/// schemas try every component and embed alternative), and a bot sends the same body many times: an
/// announcement's create to every subscribed channel differs only in its nonce. Every body still gets
/// the full verdict, bad ones included: the nonce, where the route's schema lets it be judged on its
/// own, is checked on every request, and the rest of the body is judged once per distinct text.
/// </summary>
internal sealed class RequestBodyChecks(OpenApiRequestSchemas schemas)
{
    /// <summary>Distinct bodies remembered; past this the memory starts over (a test sends few, a load run a handful).</summary>
    private const int Capacity = 1_024;

    private const string Nonce = "nonce";

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _verdicts = new(StringComparer.Ordinal);

    /// <summary>Schema violations of the body, as <see cref="OpenApiRequestSchemas.Validate"/> reports them.</summary>
    public IReadOnlyList<string> Validate(string routeName, string bodyText, JsonElement body)
    {
        if (!schemas.HasSchema(routeName))
        {
            return [];
        }

        if (schemas.ValidatesNonceApart(routeName) && SplitNonce(body) is { } split)
        {
            var restVerdict = Remembered(routeName, split.WithoutNonce);
            var nonceVerdict = schemas.Validate(routeName, split.NonceOnly);
            return nonceVerdict.Count == 0 ? restVerdict : [.. restVerdict, .. nonceVerdict];
        }

        return Remembered(routeName, bodyText);
    }

    private IReadOnlyList<string> Remembered(string routeName, string text)
    {
        var key = routeName + "\n" + text;
        if (_verdicts.TryGetValue(key, out var known))
        {
            return known;
        }

        var verdict = schemas.Validate(routeName, text);
        if (_verdicts.Count >= Capacity)
        {
            _verdicts.Clear();
        }

        _verdicts[key] = verdict;
        return verdict;
    }

    /// <summary>
    /// The object without its nonce, and <c>{"nonce": value}</c>; null when the body is not an object
    /// with exactly one nonce (then it is judged whole).
    /// </summary>
    private static (string WithoutNonce, string NonceOnly)? SplitNonce(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>();
        string? nonce = null;
        var nonces = 0;
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in body.EnumerateObject())
            {
                if (property.NameEquals(Nonce))
                {
                    nonces++;
                    nonce = property.Value.GetRawText();
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        return nonces == 1 ? (Encoding.UTF8.GetString(buffer.WrittenSpan), $$"""{"{{Nonce}}":{{nonce}}}""") : null;
    }
}
