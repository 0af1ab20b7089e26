using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>A project listed in the solution, read from its csproj.</summary>
public sealed record Project(string Path, string Sdk, string AssemblyName, IReadOnlyList<string> ProjectReferences)
{
    public bool IsWeb => Sdk == "Microsoft.NET.Sdk.Web";

    /// <summary>Repository-relative directory of the csproj.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(Path)!.Replace('\\', '/');

    /// <summary>
    /// The chart component a deployable maps to: the project file name without ".API",
    /// lower-cased (Registration.API -> registration, Gateway -> gateway).
    /// </summary>
    public string ComponentName
    {
        get
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(Path);
            if (name.EndsWith(".API", StringComparison.Ordinal))
            {
                name = name[..^".API".Length];
            }

            return name.ToLowerInvariant();
        }
    }

    public override string ToString() => Path;
}

/// <summary>Reads the classic-format solution file and the projects it lists.</summary>
public static partial class Solution
{
    private static readonly Lazy<IReadOnlyList<Project>> LazyProjects = new(Load);

    public static IReadOnlyList<Project> Projects => LazyProjects.Value;

    public static IReadOnlyList<Project> Deployables => Projects.Where(p => p.IsWeb).ToList();

    public static Project ReadProject(string relativePath)
    {
        var document = XDocument.Load(Repo.Path(relativePath));
        var root = document.Root ?? throw new InvalidDataException($"{relativePath} is empty.");
        var sdk = (string?)root.Attribute("Sdk")
            ?? (string?)root.Element("Sdk")?.Attribute("Name")
            ?? string.Empty;
        var assemblyName = root.Elements("PropertyGroup").Elements("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault()
            ?? System.IO.Path.GetFileNameWithoutExtension(relativePath);
        var directory = System.IO.Path.GetDirectoryName(relativePath) ?? string.Empty;
        var references = root.Elements("ItemGroup").Elements("ProjectReference")
            .Select(e => (string?)e.Attribute("Include"))
            .OfType<string>()
            .Select(include => Repo.Relative(Repo.Path(System.IO.Path.Combine(directory, include.Replace('\\', '/')))))
            .ToList();
        return new Project(relativePath, sdk, assemblyName, references);
    }

    /// <summary>The project and every project it references, directly or not.</summary>
    public static IReadOnlyList<string> ReferenceClosure(Project project)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal) { project.Path };
        var pending = new Stack<string>(project.ProjectReferences);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (var reference in ReadProject(next).ProjectReferences)
                {
                    pending.Push(reference);
                }
            }
        }

        return seen.ToList();
    }

    private static List<Project> Load()
    {
        var text = Repo.Read(Repo.SolutionFile);
        return ProjectLine().Matches(text)
            .Select(m => m.Groups["path"].Value.Replace('\\', '/'))
            .Where(path => path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
            .Select(ReadProject)
            .ToList();
    }

    [GeneratedRegex("""^Project\("\{[^}]+\}"\)\s*=\s*"[^"]*",\s*"(?<path>[^"]+)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
