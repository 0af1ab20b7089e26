namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>Paths of the repository the tests run from, found by walking up to the solution.</summary>
public static class Repo
{
    public const string SolutionFile = "DoanKetSangTao.sln";

    public static string Root { get; } = FindRoot();

    public static string ChartDir => Path("deploy/helm/doanketsangtao");

    /// <summary>Absolute path of a repository-relative path written with '/'.</summary>
    public static string Path(string relative) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, relative.Replace('/', System.IO.Path.DirectorySeparatorChar)));

    /// <summary>Repository-relative path with '/' separators.</summary>
    public static string Relative(string absolute) =>
        System.IO.Path.GetRelativePath(Root, absolute).Replace(System.IO.Path.DirectorySeparatorChar, '/');

    public static string Read(string relative) => File.ReadAllText(Path(relative));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, SolutionFile)))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}.");
    }
}
