using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>
/// YAML read into plain values: <see cref="Dictionary{TKey,TValue}"/> for mappings,
/// <see cref="List{T}"/> for sequences, and string, bool, long, double or null for scalars,
/// resolved as YAML 1.2's core schema (and Helm) resolve plain scalars.
/// </summary>
public static partial class Yaml
{
    public static Dictionary<string, object?> LoadMap(string relativePath)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(Repo.Read(relativePath)))
        {
            stream.Load(reader);
        }

        Assert.True(stream.Documents.Count == 1, $"{relativePath} should hold exactly one YAML document.");
        return Convert(stream.Documents[0].RootNode) as Dictionary<string, object?>
            ?? throw new InvalidDataException($"{relativePath} is not a YAML mapping.");
    }

    /// <summary>One YAML document given as text, as plain values; null when it holds no node (only comments).</summary>
    public static object? LoadText(string text)
    {
        var stream = new YamlStream();
        using (var reader = new StringReader(text))
        {
            stream.Load(reader);
        }

        Assert.True(stream.Documents.Count <= 1, $"Expected at most one YAML document:\n{text}");
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>The value at a dotted path, or null when any step is missing.</summary>
    public static object? At(this Dictionary<string, object?> map, string dottedPath)
    {
        object? current = map;
        foreach (var key in dottedPath.Split('.'))
        {
            if (current is not Dictionary<string, object?> step || !step.TryGetValue(key, out current))
            {
                return null;
            }
        }

        return current;
    }

    public static Dictionary<string, object?> Map(this Dictionary<string, object?> map, string dottedPath) =>
        map.At(dottedPath) as Dictionary<string, object?>
            ?? throw new Xunit.Sdk.XunitException($"'{dottedPath}' is not a mapping.");

    public static bool IsTrue(this Dictionary<string, object?> map, string dottedPath) => map.At(dottedPath) is true;

    /// <summary>
    /// Helm's coalescing of a values overlay: mappings merge key by key, anything else is
    /// replaced, and a null deletes the key.
    /// </summary>
    public static Dictionary<string, object?> Overlay(Dictionary<string, object?> under, Dictionary<string, object?> over)
    {
        var result = DeepCopy(under);
        foreach (var (key, value) in over)
        {
            if (value is null)
            {
                result.Remove(key);
            }
            else if (value is Dictionary<string, object?> overMap && result.GetValueOrDefault(key) is Dictionary<string, object?> underMap)
            {
                result[key] = Overlay(underMap, overMap);
            }
            else
            {
                result[key] = DeepCopy(value);
            }
        }

        return result;
    }

    public static T DeepCopy<T>(T value) => (T)Copy(value)!;

    private static object? Copy(object? value) => value switch
    {
        Dictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => Copy(kv.Value)),
        List<object?> list => list.Select(Copy).ToList(),
        _ => value,
    };

    private static object? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => mapping.Children.ToDictionary(
            kv => ((YamlScalarNode)kv.Key).Value ?? string.Empty,
            kv => Convert(kv.Value)),
        YamlSequenceNode sequence => sequence.Children.Select(Convert).ToList(),
        YamlScalarNode scalar => Resolve(scalar),
        _ => throw new InvalidDataException($"Unsupported YAML node {node.NodeType}."),
    };

    private static object? Resolve(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return text;
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ when IntegerLiteral().IsMatch(text) => long.Parse(text, CultureInfo.InvariantCulture),
            _ when FloatLiteral().IsMatch(text) => double.Parse(text, CultureInfo.InvariantCulture),
            _ => text,
        };
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatLiteral();
}
