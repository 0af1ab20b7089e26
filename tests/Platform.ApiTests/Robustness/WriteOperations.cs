using System.Net;
using System.Text.Json.Nodes;

namespace DoanKetSangTao.Tests.PlatformApiTests.Robustness;

/// <summary>How a write operation takes its input, as its OpenAPI document says.</summary>
public enum BodyKind
{
    None,
    Json,
    Multipart,
}

/// <summary>One POST, PUT, PATCH or DELETE operation of a service, read from the service's OpenAPI document.</summary>
public sealed record WriteOperation(string Service, string Method, string Path, BodyKind Body, JsonNode? Schema, JsonNode Document)
{
    public string Key => $"{Method} {Path}";

    public IReadOnlyList<string> PathParameters { get; } =
        [.. System.Text.RegularExpressions.Regex.Matches(Path, "{([^}:]+)(:[^}]*)?}").Select(m => m.Groups[1].Value)];

    /// <summary>The path with its parameters filled in (values are escaped, as a client would).</summary>
    public string Fill(IReadOnlyDictionary<string, string> values) =>
        System.Text.RegularExpressions.Regex.Replace(Path, "{([^}:]+)(:[^}]*)?}", m => Uri.EscapeDataString(values[m.Groups[1].Value]));

    /// <summary>Every write operation the gateway publishes a document for.</summary>
    public static async Task<IReadOnlyList<WriteOperation>> ReadAllAsync(HttpClient gateway, IEnumerable<string> services)
    {
        var operations = new List<WriteOperation>();
        foreach (var service in services)
        {
            using var response = await gateway.GetAsync($"/openapi/{service}/v1.json");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"the gateway serves the OpenAPI document of {service}: {(int)response.StatusCode}");
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            foreach (var (path, item) in document["paths"]!.AsObject())
            {
                foreach (var (method, operation) in item!.AsObject())
                {
                    if (method is not ("post" or "put" or "patch" or "delete"))
                    {
                        continue;
                    }

                    var content = operation!["requestBody"]?["content"]?.AsObject();
                    var (body, schema) = content switch
                    {
                        null => (BodyKind.None, (JsonNode?)null),
                        _ when content.ContainsKey("multipart/form-data") => (BodyKind.Multipart, content["multipart/form-data"]!["schema"]),
                        _ => (BodyKind.Json, content.FirstOrDefault().Value?["schema"]),
                    };
                    operations.Add(new WriteOperation(service, method.ToUpperInvariant(), path, body, schema is null ? null : Resolve(document, schema), document));
                }
            }
        }

        return operations;
    }

    /// <summary>Follows <c>$ref</c> and picks the non-null branch of <c>anyOf</c>/<c>oneOf</c>.</summary>
    public static JsonNode Resolve(JsonNode document, JsonNode schema)
    {
        for (var depth = 0; depth < 20; depth++)
        {
            if (schema["$ref"]?.GetValue<string>() is { } reference)
            {
                schema = reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)
                    .Aggregate(document, (node, part) => node[part.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)]!);
                continue;
            }

            if ((schema["anyOf"] ?? schema["oneOf"]) is JsonArray branches)
            {
                schema = branches.FirstOrDefault(b => b!["type"]?.ToString() != "null") ?? branches[0]!;
                continue;
            }

            return schema;
        }

        return schema;
    }

    /// <summary>A body shaped like the schema, for an operation the suite has no hand-made example of.</summary>
    public static JsonNode? Example(JsonNode document, JsonNode? schema, int depth = 0)
    {
        if (schema is null || depth > 6)
        {
            return null;
        }

        schema = Resolve(document, schema);
        var type = schema["type"] switch
        {
            JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null"),
            JsonValue value => value.GetValue<string>(),
            _ => schema["properties"] is null ? null : "object",
        };
        var format = schema["format"]?.GetValue<string>();
        return type switch
        {
            "object" => new JsonObject(schema["properties"]?.AsObject().Select(p =>
                KeyValuePair.Create(p.Key, Example(document, p.Value, depth + 1))) ?? []),
            "array" => new JsonArray(Example(document, schema["items"], depth + 1)),
            "integer" => JsonValue.Create(1),
            "number" => JsonValue.Create(1.5m),
            "boolean" => JsonValue.Create(true),
            "string" when format == "uuid" => JsonValue.Create(Guid.NewGuid().ToString()),
            "string" when format == "date" => JsonValue.Create(DateTime.UtcNow.ToString("yyyy-MM-dd")),
            "string" when format == "date-time" => JsonValue.Create(DateTime.UtcNow.ToString("O")),
            "string" => JsonValue.Create("Giá trị mẫu"),
            _ => null,
        };
    }
}
