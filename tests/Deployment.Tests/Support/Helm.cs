using System.Diagnostics;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

public sealed record HelmResult(int ExitCode, string Output, string Error)
{
    public string Both => Output + Error;
}

/// <summary>
/// The real Helm v4 binary that deploy/helm/tools.sh installs under .local/tools (tests/run.sh
/// runs it first). A missing binary fails the test with the command to run: nothing is skipped.
/// </summary>
public static class Helm
{
    public const string InstallCommand = "bash deploy/helm/tools.sh";
    public const string ReleaseName = "dkst";
    public const string Namespace = "dkst";

    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>DKST_HELM names another helm binary; otherwise the one tools.sh installs.</summary>
    public static string Binary
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("DKST_HELM") is { Length: > 0 } own ? own : Repo.Path(".local/tools/bin/helm");
            if (!File.Exists(path))
            {
                Assert.Fail($"Helm v4 is not installed at {path}. Run `{InstallCommand}` from the repository root (tests/run.sh does).");
            }

            return path;
        }
    }

    public static HelmResult Run(params string[] arguments)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Helm's own caches and settings stay out of the user's home and out of each other's way.
        var home = Repo.Path(".local/tools/helm-home");
        start.Environment["HELM_CACHE_HOME"] = Path.Combine(home, "cache");
        start.Environment["HELM_CONFIG_HOME"] = Path.Combine(home, "config");
        start.Environment["HELM_DATA_HOME"] = Path.Combine(home, "data");

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"helm {string.Join(' ', arguments)} ran over {Timeout.TotalSeconds} s.");
        }

        return new HelmResult(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>`helm template` of the chart with the given values files, laid over values.yaml in order.</summary>
    public static HelmResult Template(IEnumerable<string> valuesFiles) =>
        Run([
            "template", ReleaseName, Repo.ChartDir, "--namespace", Namespace,
            .. valuesFiles.SelectMany(f => new[] { "--values", f }),
        ]);

    /// <summary>`helm lint --strict`: warnings fail too.</summary>
    public static HelmResult Lint(IEnumerable<string> valuesFiles) =>
        Run([
            "lint", "--strict", Repo.ChartDir, "--namespace", Namespace,
            .. valuesFiles.SelectMany(f => new[] { "--values", f }),
        ]);
}
