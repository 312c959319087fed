using System.Text.Json.Nodes;
using NJsonSchema;

namespace FakeDiscord.Rest;

/// <summary>
/// The request-body schemas of Discord's OpenAPI document (openapi.json beside the assembly),
/// compiled once per process into NJsonSchema schemas keyed by "METHOD /template". Immutable after
/// loading. Two adjustments to the document as published: every <c>const</c> is read as a one-value
/// <c>enum</c> (NJsonSchema ignores const, which the spec uses for every enum member), and
/// <c>default_member_permissions</c> accepts a string, because the docs (which win over the spec)
/// say it is a string.
/// </summary>
internal sealed class OpenApiRequestSchemas
{
    private static readonly Lazy<OpenApiRequestSchemas> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly Dictionary<string, JsonSchema> _byRoute;
    private readonly HashSet<string> _nonceApart;

    private OpenApiRequestSchemas(Dictionary<string, JsonSchema> byRoute)
    {
        _byRoute = byRoute;
        _nonceApart = byRoute.Where(p => NonceIsIndependent(p.Value)).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    public static OpenApiRequestSchemas Instance => Shared.Value;

    /// <summary>Schema violations of <paramref name="json"/> for the route, as "path: kind" lines; empty when valid or when the route has no body schema.</summary>
    public IReadOnlyList<string> Validate(string routeName, string json) =>
        _byRoute.TryGetValue(routeName, out var schema)
            ? schema.Validate(json).Select(e => $"{e.Path}: {e.Kind}{Describe(e)}").ToList()
            : [];

    public bool HasSchema(string routeName) => _byRoute.ContainsKey(routeName);

    /// <summary>
    /// True when the route's body is a plain object schema with an optional <c>nonce</c> property and
    /// nothing that ties properties together (no allOf/anyOf/oneOf/not, required or property counts at
    /// its top): then a body's violations are exactly those of the body without its nonce plus those of
    /// <c>{"nonce": value}</c> alone, each checked against the same schema.
    /// </summary>
    public bool ValidatesNonceApart(string routeName) => _nonceApart.Contains(routeName);

    private static bool NonceIsIndependent(JsonSchema route)
    {
        static bool Plain(JsonSchema s) =>
            s.AllOf.Count == 0 && s.AnyOf.Count == 0 && s.OneOf.Count == 0 && s.Not is null
            && s.RequiredProperties.Count == 0 && s.MinProperties == 0 && s.MaxProperties == 0 && s.PatternProperties.Count == 0;

        var actual = route.ActualSchema;
        return Plain(route) && Plain(actual) && actual.Type.HasFlag(JsonObjectType.Object)
            && actual.ActualProperties.TryGetValue("nonce", out var nonce) && !nonce.IsRequired;
    }

    private static string Describe(NJsonSchema.Validation.ValidationError error) =>
        error is NJsonSchema.Validation.ChildSchemaValidationError child
            ? " [" + string.Join("; ", child.Errors.SelectMany(e => e.Value).Select(e => $"{e.Path}: {e.Kind}").Distinct().Take(8)) + "]"
            : "";

    private static OpenApiRequestSchemas Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "openapi.json");
        var document = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var definitions = (JsonObject)document["components"]!["schemas"]!.DeepClone();
        PatchDefaultMemberPermissions(definitions);

        var routeKeys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (operation is not JsonObject || operation["requestBody"]?["content"]?["application/json"]?["schema"] is not JsonNode schema)
                {
                    continue;
                }

                var key = $"__request_{routeKeys.Count}";
                definitions[key] = schema.DeepClone();
                routeKeys[$"{method.ToUpperInvariant()} {template}"] = key;
            }
        }

        Rewrite(definitions);
        var root = new JsonObject { ["definitions"] = definitions };
        var compiled = JsonSchema.FromJsonAsync(root.ToJsonString()).GetAwaiter().GetResult();
        return new OpenApiRequestSchemas(routeKeys.ToDictionary(p => p.Key, p => compiled.Definitions[p.Value], StringComparer.Ordinal));
    }

    /// <summary>Walks the tree: const -> enum [value]; #/components/schemas/X -> #/definitions/X.</summary>
    private static void Rewrite(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } constant)
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(constant.DeepClone());
                }

                if (obj["$ref"] is JsonValue reference && reference.TryGetValue<string>(out var target))
                {
                    obj["$ref"] = target.Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                }

                foreach (var (_, child) in obj.ToList())
                {
                    Rewrite(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Rewrite(child);
                }

                break;
        }
    }

    private static void PatchDefaultMemberPermissions(JsonObject definitions)
    {
        foreach (var (_, schema) in definitions)
        {
            if (schema is JsonObject { } definition && definition["properties"] is JsonObject properties
                && properties["default_member_permissions"] is JsonObject property)
            {
                property.Clear();
                property["type"] = new JsonArray("string", "integer", "null");
                property["pattern"] = "^[0-9]+$";
            }
        }
    }
}
