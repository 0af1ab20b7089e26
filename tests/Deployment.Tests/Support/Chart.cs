namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>The chart's values files, and the components as the templates see them.</summary>
public static class Chart
{
    public const string ValuesFile = "deploy/helm/doanketsangtao/values.yaml";
    public const string DevValuesFile = "deploy/helm/values-dev.yaml";
    public const string SchemaFile = "deploy/helm/doanketsangtao/values.schema.json";
    public const string ChartFile = "deploy/helm/doanketsangtao/Chart.yaml";
    public const string TemplatesDir = "deploy/helm/doanketsangtao/templates";

    public static Dictionary<string, object?> Values() => Yaml.LoadMap(ValuesFile);

    /// <summary>values.yaml with values-dev.yaml laid over it, as `helm -f` coalesces them.</summary>
    public static Dictionary<string, object?> DevValues() => Yaml.Overlay(Values(), Yaml.LoadMap(DevValuesFile));

    public static IEnumerable<(string Name, Dictionary<string, object?> Values)> ValueSets()
    {
        yield return ("values.yaml", Values());
        yield return ("values.yaml + values-dev.yaml", DevValues());
    }

    /// <summary>
    /// Each component with the default block merged under it, as the "dks.component" helper
    /// merges them: the component wins, and `env` lists are concatenated.
    /// </summary>
    public static Dictionary<string, Dictionary<string, object?>> Components(Dictionary<string, object?> values)
    {
        var defaults = values.Map("default");
        var result = new Dictionary<string, Dictionary<string, object?>>(StringComparer.Ordinal);
        foreach (var (name, raw) in values.Map("components"))
        {
            var own = raw as Dictionary<string, object?> ?? [];
            var merged = Yaml.Overlay(defaults, own);
            merged["env"] = AsList(defaults.GetValueOrDefault("env")).Concat(AsList(own.GetValueOrDefault("env"))).ToList();
            result[name] = merged;
        }

        return result;
    }

    public static Dictionary<string, Dictionary<string, object?>> EnabledComponents(Dictionary<string, object?> values) =>
        Components(values).Where(kv => kv.Value.IsTrue("enabled")).ToDictionary(kv => kv.Key, kv => kv.Value);

    public static List<object?> AsList(object? value) => value as List<object?> ?? [];

    public static IEnumerable<string> Templates() =>
        Directory.EnumerateFiles(Repo.Path(TemplatesDir)).Order(StringComparer.Ordinal).Select(Repo.Relative);
}
