using System.Text.Json;
using Json.Schema;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>values.schema.json (draft-07, which Helm applies on lint, template and install), evaluated by JsonSchema.Net.</summary>
public static class ValuesSchema
{
    private static readonly Lazy<JsonSchema> Schema = new(() =>
        JsonSchema.FromText(Repo.Read(Chart.SchemaFile), baseUri: new Uri("https://schemas.doanketsangtao.invalid/chart/values")));

    public static JsonElement Document() => JsonDocument.Parse(Repo.Read(Chart.SchemaFile)).RootElement.Clone();

    /// <summary>"&lt;instance location&gt;: &lt;message&gt;" for each violation; empty when the values are valid.</summary>
    public static IReadOnlyList<string> Validate(Dictionary<string, object?> values)
    {
        var results = Schema.Value.Evaluate(JsonSerializer.SerializeToElement(values), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid
            ? []
            : (results.Details ?? [])
                .Where(d => d.Errors is { Count: > 0 })
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))
                .DefaultIfEmpty("invalid")
                .ToList();
    }
}
