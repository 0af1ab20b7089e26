namespace DoanKetSangTao.Tests.Architecture;

/// <summary>
/// The source tree a newcomer reads: files small enough to read whole, split by route or stage, and every service
/// in the same folders (docs: "One shape for every service").
/// </summary>
public sealed class SourceTreeTests
{
    /// <summary>"About 400 lines": past this a file holds more than one route group, stage or store.</summary>
    public const int MaxLines = 400;

    private static readonly string[] ProductionFolders = ["services", "building-blocks", "gateway", "contracts"];

    [Fact]
    public void No_source_file_is_longer_than_the_limit()
    {
        var offenders = ProductionFolders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(Assemblies.Root, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .Select(path => (Path: Path.GetRelativePath(Assemblies.Root, path), Lines: File.ReadLines(path).Count()))
            .Where(file => file.Lines > MaxLines)
            .OrderByDescending(file => file.Lines)
            .Select(file => $"{file.Path} ({file.Lines})")
            .ToList();

        Assert.True(offenders.Count == 0,
            $"Longer than {MaxLines} lines; split by route group, stage or aggregate: {string.Join(", ", offenders)}");
    }

    [Theory]
    [MemberData(nameof(Assemblies.Services), MemberType = typeof(Assemblies))]
    public void Every_service_has_the_same_shape(string service)
    {
        var api = Path.Combine(Assemblies.Root, "services", service, service + ".API");
        string[] files = ["Program.cs", "Extensions/ApplicationServices.cs"];
        string[] folders = ["Apis", "Domain", "Infrastructure", "IntegrationEvents"];

        var missing = files.Where(f => !File.Exists(Path.Combine(api, f)))
            .Concat(folders.Where(d => !Directory.Exists(Path.Combine(api, d))).Select(d => d + "/"))
            .ToList();

        Assert.True(missing.Count == 0, $"services/{service}/{service}.API lacks {string.Join(", ", missing)}.");
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = path.Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }
}
