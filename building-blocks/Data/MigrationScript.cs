using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DoanKetSangTao.Data;

/// <summary>One versioned schema change: <c>Migrations/0003_add_dossiers.sql</c> is version 3 of its module.</summary>
public sealed record MigrationScript(string Module, int Version, string Name, string Sql)
{
    public string Checksum { get; } = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql.ReplaceLineEndings("\n"))));
}

public static partial class MigrationCatalog
{
    [GeneratedRegex(@"(?:^|\.)(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$", RegexOptions.CultureInvariant)]
    private static partial Regex ScriptName();

    /// <summary>
    /// Reads the embedded <c>.sql</c> resources of an assembly, ordered by version. Two scripts with the
    /// same version, a gap, or a name that does not follow <c>NNNN_snake_case.sql</c> stop the service:
    /// a schema that cannot be ordered must never be half-applied.
    /// </summary>
    public static IReadOnlyList<MigrationScript> Load(Assembly assembly, string module)
    {
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            scripts.Add(Parse(module, resource, reader.ReadToEnd()));
        }

        return Order(scripts);
    }

    public static MigrationScript Parse(string module, string resourceName, string sql)
    {
        var match = ScriptName().Match(resourceName);
        if (!match.Success)
        {
            throw new InvalidOperationException($"Migration '{resourceName}' must be named NNNN_snake_case.sql.");
        }

        return new MigrationScript(module, int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
            match.Groups["name"].Value, sql);
    }

    public static IReadOnlyList<MigrationScript> Order(IEnumerable<MigrationScript> scripts)
    {
        var ordered = scripts.OrderBy(s => s.Version).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (ordered[i].Version != i + 1)
            {
                var problem = i > 0 && ordered[i].Version == ordered[i - 1].Version ? "is duplicated" : "leaves a gap";
                throw new InvalidOperationException(
                    $"Migration version {ordered[i].Version} of module '{ordered[i].Module}' {problem}: versions must run 1, 2, 3, … without repeats.");
            }
        }

        return ordered;
    }
}
