using System.Text.Json;
using System.Text.RegularExpressions;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>
/// Checks YAML-shaped values against the subset of JSON Schema (draft-07) that
/// values.schema.json uses. Not a schema engine: a keyword it does not know is an error,
/// so that the schema cannot grow rules these tests silently skip.
/// </summary>
public sealed class SchemaCheck
{
    private static readonly HashSet<string> Annotations = ["$schema", "title", "description"];

    private readonly JsonElement root;

    public SchemaCheck(JsonElement root) => this.root = root;

    public static SchemaCheck Load() => new(JsonDocument.Parse(Repo.Read(Chart.SchemaFile)).RootElement.Clone());

    public JsonElement Root => root;

    public IReadOnlyList<string> Validate(object? value)
    {
        var errors = new List<string>();
        Check(value, root, "$", errors);
        return errors;
    }

    /// <summary>Follows a local "#/definitions/..." reference.</summary>
    public JsonElement Resolve(JsonElement schema)
    {
        while (schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("$ref", out var reference))
        {
            var pointer = reference.GetString() ?? string.Empty;
            if (!pointer.StartsWith("#/", StringComparison.Ordinal))
            {
                throw new NotSupportedException($"Only local references are supported, not '{pointer}'.");
            }

            schema = pointer[2..].Split('/').Aggregate(root, (node, key) => node.GetProperty(key));
        }

        return schema;
    }

    private void Check(object? value, JsonElement schema, string path, List<string> errors)
    {
        if (schema.ValueKind == JsonValueKind.True)
        {
            return;
        }

        if (schema.ValueKind == JsonValueKind.False)
        {
            errors.Add($"{path}: not allowed");
            return;
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            var rule = keyword.Value;
            switch (keyword.Name)
            {
                case "$ref":
                    Check(value, Resolve(schema), path, errors);
                    break;
                case "allOf":
                    foreach (var part in rule.EnumerateArray())
                    {
                        Check(value, part, path, errors);
                    }

                    break;
                case "type":
                    var types = rule.ValueKind == JsonValueKind.Array
                        ? rule.EnumerateArray().Select(t => t.GetString()!).ToList()
                        : [rule.GetString()!];
                    if (!types.Any(t => IsType(value, t)))
                    {
                        errors.Add($"{path}: expected {string.Join(" or ", types)}, found {Describe(value)}");
                    }

                    break;
                case "const":
                    if (!SameValue(value, rule))
                    {
                        errors.Add($"{path}: must be {rule.GetRawText()}, found {Describe(value)}");
                    }

                    break;
                case "enum":
                    if (!rule.EnumerateArray().Any(option => SameValue(value, option)))
                    {
                        errors.Add($"{path}: must be one of {rule.GetRawText()}, found {Describe(value)}");
                    }

                    break;
                case "required" when value is Dictionary<string, object?> map:
                    foreach (var name in rule.EnumerateArray().Select(n => n.GetString()!))
                    {
                        if (!map.ContainsKey(name))
                        {
                            errors.Add($"{path}: '{name}' is required");
                        }
                    }

                    break;
                case "properties" when value is Dictionary<string, object?> map:
                    foreach (var property in rule.EnumerateObject())
                    {
                        if (map.TryGetValue(property.Name, out var child))
                        {
                            Check(child, property.Value, $"{path}.{property.Name}", errors);
                        }
                    }

                    break;
                case "additionalProperties" when value is Dictionary<string, object?> map:
                    var declared = schema.TryGetProperty("properties", out var properties)
                        ? properties.EnumerateObject().Select(p => p.Name).ToHashSet()
                        : [];
                    foreach (var (name, child) in map.Where(kv => !declared.Contains(kv.Key)))
                    {
                        if (rule.ValueKind == JsonValueKind.False)
                        {
                            errors.Add($"{path}: unknown key '{name}'");
                        }
                        else
                        {
                            Check(child, rule, $"{path}.{name}", errors);
                        }
                    }

                    break;
                case "propertyNames" when value is Dictionary<string, object?> map:
                    foreach (var name in map.Keys)
                    {
                        Check(name, rule, $"{path}[key '{name}']", errors);
                    }

                    break;
                case "minProperties" when value is Dictionary<string, object?> map:
                    if (map.Count < rule.GetInt32())
                    {
                        errors.Add($"{path}: needs at least {rule.GetInt32()} entries");
                    }

                    break;
                case "items" when value is List<object?> list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        Check(list[i], rule, $"{path}[{i}]", errors);
                    }

                    break;
                case "minItems" when value is List<object?> list:
                    if (list.Count < rule.GetInt32())
                    {
                        errors.Add($"{path}: needs at least {rule.GetInt32()} items");
                    }

                    break;
                case "minimum" when AsNumber(value) is { } number:
                    if (number < rule.GetDouble())
                    {
                        errors.Add($"{path}: {number} is below {rule.GetDouble()}");
                    }

                    break;
                case "maximum" when AsNumber(value) is { } number:
                    if (number > rule.GetDouble())
                    {
                        errors.Add($"{path}: {number} is above {rule.GetDouble()}");
                    }

                    break;
                case "minLength" when value is string text:
                    if (text.Length < rule.GetInt32())
                    {
                        errors.Add($"{path}: shorter than {rule.GetInt32()}");
                    }

                    break;
                case "maxLength" when value is string text:
                    if (text.Length > rule.GetInt32())
                    {
                        errors.Add($"{path}: longer than {rule.GetInt32()}");
                    }

                    break;
                case "pattern" when value is string text:
                    if (!Regex.IsMatch(text, rule.GetString()!, RegexOptions.None, TimeSpan.FromSeconds(1)))
                    {
                        errors.Add($"{path}: '{text}' does not match {rule.GetString()}");
                    }

                    break;
                case "required" or "properties" or "additionalProperties" or "propertyNames" or "minProperties"
                    or "items" or "minItems" or "minimum" or "maximum" or "minLength" or "maxLength" or "pattern"
                    or "definitions":
                    // Applies to other value kinds only, or holds definitions.
                    break;
                default:
                    if (!Annotations.Contains(keyword.Name))
                    {
                        throw new NotSupportedException($"Schema keyword '{keyword.Name}' at {path} is not checked by these tests.");
                    }

                    break;
            }
        }
    }

    private static bool IsType(object? value, string type) => type switch
    {
        "object" => value is Dictionary<string, object?>,
        "array" => value is List<object?>,
        "string" => value is string,
        "boolean" => value is bool,
        "integer" => value is long || (value is double d && Math.Floor(d) == d),
        "number" => value is long or double,
        "null" => value is null,
        _ => throw new NotSupportedException($"Unknown type '{type}'."),
    };

    private static double? AsNumber(object? value) => value switch
    {
        long l => l,
        double d => d,
        _ => null,
    };

    private static bool SameValue(object? value, JsonElement expected) => expected.ValueKind switch
    {
        JsonValueKind.True => value is true,
        JsonValueKind.False => value is false,
        JsonValueKind.Null => value is null,
        JsonValueKind.String => value is string s && s == expected.GetString(),
        JsonValueKind.Number => AsNumber(value) is { } n && n == expected.GetDouble(),
        _ => throw new NotSupportedException($"const/enum of {expected.ValueKind} is not supported."),
    };

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        bool b => b ? "true" : "false",
        Dictionary<string, object?> => "an object",
        List<object?> => "an array",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "?",
    };
}
