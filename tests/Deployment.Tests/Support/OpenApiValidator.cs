using System.Diagnostics;
using System.Text.Json;

namespace DoanKetSangTao.Tests.DeploymentTests.Support;

/// <summary>
/// Runs tests/Deployment.Tests/k8s-validate.mjs under Node.js with the validators deploy/helm/tools.sh
/// installs from deploy/helm/schema-tools (kubernetes-models, compiled from the Kubernetes OpenAPI
/// document, and @kubernetes-models/keda, from KEDA's CRDs). Missing tools fail with the command to run.
/// </summary>
public static class OpenApiValidator
{
    private const string Script = "tests/Deployment.Tests/k8s-validate.mjs";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    /// <summary>Per object, its errors, or null when no validator exists for its kind.</summary>
    public static IReadOnlyList<IReadOnlyList<string>?> Validate(IReadOnlyList<Dictionary<string, object?>> objects)
    {
        var modules = Repo.Path(".local/tools/schema-tools/node_modules");
        if (!Directory.Exists(Path.Combine(modules, "kubernetes-models")))
        {
            Assert.Fail($"The Kubernetes schema validators are not installed at {modules}. Run `{Helm.InstallCommand}` from the repository root (tests/run.sh does).");
        }

        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repo.Root,
        };
        start.ArgumentList.Add(Repo.Path(Script));
        start.ArgumentList.Add(modules);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            Assert.Fail($"Node.js is needed to validate the rendered chart ({e.Message}); install Node.js 20 or later (Debian: apt-get install nodejs).");
            throw;
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            process.StandardInput.Write(JsonSerializer.Serialize(objects));
            process.StandardInput.Close();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"node {Script} ran over {Timeout.TotalSeconds} s.");
            }

            Assert.True(process.ExitCode == 0, $"node {Script} failed:\n{error.Result}");
            var results = JsonSerializer.Deserialize<List<List<string>?>>(output.Result)
                ?? throw new InvalidDataException($"node {Script} printed no result.");
            Assert.Equal(objects.Count, results.Count);
            return results;
        }
    }
}
