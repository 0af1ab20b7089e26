using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Json.Schema;
using k8s;
using k8s.Models;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>One object of a rendered chart: its YAML text and its content as plain values.</summary>
public sealed record Manifest(string Text, Dictionary<string, object?> Content)
{
    public string ApiVersion => Content.At("apiVersion") as string ?? string.Empty;

    public string Kind => Content.At("kind") as string ?? string.Empty;

    public string Name => Content.At("metadata.name") as string ?? string.Empty;

    /// <summary>The component a per-component object belongs to (its app.kubernetes.io/component label).</summary>
    public string Component => Label("app.kubernetes.io/component") ?? string.Empty;

    public string? Label(string key) =>
        (Content.At("metadata.labels") as Dictionary<string, object?>)?.GetValueOrDefault(key) as string;

    public override string ToString() => $"{ApiVersion} {Kind} {Name}";
}

/// <summary>
/// Splits `helm template` output into objects and checks each against the schema of its kind.
/// Kubernetes kinds: the validators kubernetes-models compiles from the Kubernetes OpenAPI
/// document (required fields, types, enumerations, formats; see <see cref="OpenApiValidator"/>),
/// and the API types of KubernetesClient read strictly, which the OpenAPI document alone does not
/// give: an unknown or misplaced field fails. The operators' resources: the JSON Schemas in
/// tests/Deployment.Tests/schemas (JsonSchema.Net), closed to unknown fields, and for KEDA also
/// the validator compiled from its CRD. An object of any other kind has no schema, which is an
/// error too.
/// </summary>
public static partial class Manifests
{
    public const string SchemasDir = "tests/Deployment.Tests/schemas";

    private static readonly ConcurrentDictionary<string, JsonSchema?> CustomSchemas = new(StringComparer.Ordinal);

    /// <summary>apiVersion/kind of every type KubernetesClient models, e.g. "apps/v1/Deployment".</summary>
    public static IReadOnlySet<string> BuiltInKinds { get; } = typeof(V1Deployment).Assembly.GetTypes()
        .Select(t => t.GetCustomAttribute<KubernetesEntityAttribute>())
        .Where(a => a is not null && !string.IsNullOrEmpty(a.Kind))
        .Select(a => Key(string.IsNullOrEmpty(a!.Group) ? a.ApiVersion : $"{a.Group}/{a.ApiVersion}", a.Kind))
        .ToHashSet(StringComparer.Ordinal);

    public static IReadOnlyList<Manifest> Parse(string rendered)
    {
        var result = new List<Manifest>();
        foreach (var text in DocumentSeparator().Split(rendered))
        {
            var content = Yaml.LoadText(text);
            if (content is null)
            {
                continue; // only comments (a template that rendered nothing)
            }

            result.Add(new Manifest(text, content as Dictionary<string, object?>
                ?? throw new Xunit.Sdk.XunitException($"A rendered document is not a mapping:\n{text}")));
        }

        return result;
    }

    /// <summary>Schema violations of one object; empty when it is valid.</summary>
    public static IReadOnlyList<string> Validate(Manifest manifest) => ValidateAll([manifest]);

    /// <summary>Schema violations of every object (one run of the OpenAPI validators for all).</summary>
    public static IReadOnlyList<string> ValidateAll(IReadOnlyList<Manifest> manifests)
    {
        var openApi = OpenApiValidator.Validate(manifests.Select(m => m.Content).ToList());
        var errors = new List<string>();
        for (var i = 0; i < manifests.Count; i++)
        {
            var manifest = manifests[i];
            var builtIn = BuiltInKinds.Contains(Key(manifest.ApiVersion, manifest.Kind));
            var schema = builtIn ? null : CustomSchemas.GetOrAdd(Key(manifest.ApiVersion, manifest.Kind), LoadCustomSchema);
            // kubernetes-models also keeps versions the API no longer serves (autoscaling/v2beta2):
            // KubernetesClient's types, which follow the current API, decide what is a Kubernetes kind.
            if (!builtIn && schema is null)
            {
                errors.Add($"{manifest}: no schema for {manifest.ApiVersion} {manifest.Kind}: neither a Kubernetes API type nor a file in {SchemasDir}");
                continue;
            }

            if (builtIn)
            {
                errors.AddRange(StrictTypes(manifest));
                if (openApi[i] is null)
                {
                    errors.Add($"{manifest}: kubernetes-models has no validator for {manifest.ApiVersion} {manifest.Kind}");
                }
            }

            if (schema is not null)
            {
                errors.AddRange(JsonSchemaErrors(manifest, schema));
            }

            errors.AddRange((openApi[i] ?? []).Select(e => $"{manifest}: {e}"));
        }

        return errors;
    }

    /// <summary>Unknown or misplaced fields, wrong types, malformed quantities: KubernetesClient's types, read strictly.</summary>
    private static IEnumerable<string> StrictTypes(Manifest manifest)
    {
        try
        {
            var objects = KubernetesYaml.LoadAllFromString(manifest.Text, typeMap: null, strict: true);
            return objects.Count == 1 ? [] : [$"{manifest}: {objects.Count} objects in one document"];
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidOperationException or FormatException)
        {
            return [$"{manifest}: {Describe(e)}"];
        }
    }

    private static IEnumerable<string> JsonSchemaErrors(Manifest manifest, JsonSchema schema)
    {
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(manifest.Content), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(error => $"{manifest}: {d.InstanceLocation}: {error.Value}"))
                .DefaultIfEmpty($"{manifest}: invalid");
    }

    private static string Key(string apiVersion, string kind) => $"{apiVersion}/{kind}";

    /// <summary>schemas/&lt;group&gt;_&lt;version&gt;_&lt;Kind&gt;.json, e.g. keda.sh_v1alpha1_ScaledObject.json.</summary>
    private static JsonSchema? LoadCustomSchema(string key)
    {
        var parts = key.Split('/');
        if (parts.Length != 3)
        {
            return null;
        }

        var file = $"{SchemasDir}/{parts[0]}_{parts[1]}_{parts[2]}.json";
        return File.Exists(Repo.Path(file))
            ? JsonSchema.FromText(Repo.Read(file), baseUri: new Uri($"https://schemas.doanketsangtao.invalid/{parts[0]}/{parts[1]}/{parts[2]}"))
            : null;
    }

    private static string Describe(Exception e)
    {
        var messages = new List<string>();
        for (var current = e; current is not null; current = current.InnerException)
        {
            messages.Add(current is YamlDotNet.Core.YamlException y && y.Start.Line > 0 ? $"{y.Message} (line {y.Start.Line})" : current.Message);
        }

        return string.Join(" <- ", messages.Distinct(StringComparer.Ordinal));
    }

    // Helm separates the objects it renders with "---" lines.
    [GeneratedRegex(@"^---[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex DocumentSeparator();
}
