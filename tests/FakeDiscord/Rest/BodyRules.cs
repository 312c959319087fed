using System.Text.Json;
using System.Text.RegularExpressions;

namespace FakeDiscord.Rest;

/// <summary>
/// Discord's rules that the OpenAPI document cannot express: 2000 characters of content (the spec
/// says 4000), 6000 characters across all embeds of a message, the command-name pattern and
/// lowercase rule, allowed_mentions.parse listing "users"/"roles" together with an id list, at most
/// 5 action rows in a message without the components v2 flag (the spec allows 40), an action row of
/// buttons or of one select alone (the spec lets them mix), custom_ids unique within a message, and an autocomplete choice's string value of at most 100 characters (the spec
/// allows 6000).
/// </summary>
internal static partial class BodyRules
{
    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex CommandName();

    public static IReadOnlyList<string> Check(string routeName, JsonElement body)
    {
        var errors = new List<string>();
        if (routeName.EndsWith("/commands", StringComparison.Ordinal) && body.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var command in body.EnumerateArray())
            {
                CheckNames(command, $"[{i++}]", errors);
            }
        }
        else if (body.ValueKind == JsonValueKind.Object)
        {
            CheckMessage(body, "", errors);
            if (body.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                CheckMessage(data, "data.", errors);
                CheckChoices(data, errors);
            }

            if (body.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
            {
                CheckMessage(message, "message.", errors);
            }
        }

        return errors;
    }

    private static void CheckMessage(JsonElement message, string at, List<string> errors)
    {
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String && content.GetString()!.Trim().Length > 2000)
        {
            errors.Add($"{at}content: longer than 2000 characters");
        }

        if (message.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            var total = embeds.EnumerateArray().Sum(EmbedCharacters);
            if (total > 6000)
            {
                errors.Add($"{at}embeds: {total} characters in all embeds, more than 6000");
            }
        }

        CheckComponents(message, at, errors);

        if (message.TryGetProperty("allowed_mentions", out var mentions) && mentions.ValueKind == JsonValueKind.Object
            && mentions.TryGetProperty("parse", out var parse) && parse.ValueKind == JsonValueKind.Array)
        {
            foreach (var kind in new[] { "users", "roles" })
            {
                var parsed = parse.EnumerateArray().Any(p => p.ValueKind == JsonValueKind.String && p.GetString() == kind);
                if (parsed && mentions.TryGetProperty(kind, out var list) && list.ValueKind == JsonValueKind.Array)
                {
                    errors.Add($"{at}allowed_mentions: parse contains \"{kind}\" together with a {kind} list");
                }
            }
        }
    }

    /// <summary>
    /// Component Reference: "Legacy messages allow up to 5 action rows as top-level components" (the
    /// IS_COMPONENTS_V2 flag, 1 &lt;&lt; 15, allows more), and "Multiple components on the same message must
    /// not share the same custom_id".
    /// </summary>
    private static void CheckComponents(JsonElement message, string at, List<string> errors)
    {
        if (!message.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var componentsV2 = message.TryGetProperty("flags", out var flags) && flags.ValueKind == JsonValueKind.Number
            && flags.TryGetInt64(out var bits) && (bits & (1 << 15)) != 0;
        if (!componentsV2 && components.GetArrayLength() > 5)
        {
            errors.Add($"{at}components: {components.GetArrayLength()} action rows, more than 5");
        }

        CheckRows(components, at, errors);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var customId in CustomIds(components))
        {
            if (!seen.Add(customId))
            {
                errors.Add($"{at}components: custom_id \"{customId}\" is used twice in one message");
            }
        }
    }

    /// <summary>
    /// Component Reference, Action Row: "Up to 5 interactive button components or a single select
    /// component". The OpenAPI document lets a row hold any five of either kind, a select beside buttons
    /// or two selects, which Discord refuses.
    /// </summary>
    private static void CheckRows(JsonElement components, string at, List<string> errors)
    {
        var r = 0;
        foreach (var row in components.EnumerateArray())
        {
            if (row.ValueKind == JsonValueKind.Object && Type(row) == 1
                && row.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                var selects = children.EnumerateArray().Count(c => Type(c) is 3 or 5 or 6 or 7 or 8);
                if (selects > 0 && children.GetArrayLength() > 1)
                {
                    errors.Add($"{at}components[{r}]: an action row holds up to 5 buttons or a single select, not {selects} select(s) among {children.GetArrayLength()} components");
                }
            }

            r++;
        }

        static int Type(JsonElement component) =>
            component.ValueKind == JsonValueKind.Object && component.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Number
                && type.TryGetInt32(out var value) ? value : 0;
    }

    private static IEnumerable<string> CustomIds(JsonElement components)
    {
        foreach (var component in components.EnumerateArray())
        {
            if (component.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            if (component.TryGetProperty("custom_id", out var id) && id.ValueKind == JsonValueKind.String)
            {
                yield return id.GetString()!;
            }

            if (component.TryGetProperty("components", out var children) && children.ValueKind == JsonValueKind.Array)
            {
                foreach (var child in CustomIds(children))
                {
                    yield return child;
                }
            }
        }
    }

    /// <summary>Application Commands, "Application Command Option Choice Structure": a value is "up to 100 characters if string".</summary>
    private static void CheckChoices(JsonElement data, List<string> errors)
    {
        if (!data.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var i = 0;
        foreach (var choice in choices.EnumerateArray())
        {
            if (choice.ValueKind == JsonValueKind.Object && choice.TryGetProperty("value", out var value)
                && value.ValueKind == JsonValueKind.String && value.GetString()!.Length > 100)
            {
                errors.Add($"data.choices[{i}].value: longer than 100 characters");
            }

            i++;
        }
    }

    private static int EmbedCharacters(JsonElement embed) =>
        Length(embed, "title") + Length(embed, "description")
        + (embed.TryGetProperty("footer", out var footer) && footer.ValueKind == JsonValueKind.Object ? Length(footer, "text") : 0)
        + (embed.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object ? Length(author, "name") : 0)
        + (embed.TryGetProperty("fields", out var fields) && fields.ValueKind == JsonValueKind.Array
            ? fields.EnumerateArray().Sum(f => Length(f, "name") + Length(f, "value"))
            : 0);

    private static int Length(JsonElement obj, string property) =>
        obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!.Trim().Length
            : 0;

    private static void CheckNames(JsonElement node, string at, List<string> errors)
    {
        if (node.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        // Options always follow the pattern; user (2) and message (3) commands may use spaces and capitals.
        var isOption = at.Contains(".options", StringComparison.Ordinal);
        var isSlash = isOption || !node.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.Number || type.GetInt32() == 1;
        if (node.TryGetProperty("name", out var nameElement) && nameElement.ValueKind == JsonValueKind.String)
        {
            var name = nameElement.GetString()!;
            if (isSlash && (!CommandName().IsMatch(name) || !string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal)))
            {
                errors.Add($"{at}.name: \"{name}\" does not match ^[-_'\\p{{L}}\\p{{N}}]{{1,32}}$ in lowercase");
            }
        }

        if (node.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array)
        {
            var i = 0;
            foreach (var option in options.EnumerateArray())
            {
                CheckNames(option, $"{at}.options[{i++}]", errors);
            }
        }
    }
}
