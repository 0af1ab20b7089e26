using System.Diagnostics;

namespace DoanKetSangTao.Tests.AwardsCertificateTests;

/// <summary>Runs a command-line tool (poppler-utils, zbar-tools, the offline checker) and answers its exit code and output.</summary>
internal static class Tools
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string file, string? workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Directory.GetCurrentDirectory(),
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed: apt-get install -y poppler-utils zbar-tools ({e.Message})", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout, await stderr);
        }
    }

    /// <summary>A folder of its own, deleted afterwards.</summary>
    public static DirectoryInfo TempFolder() => Directory.CreateTempSubdirectory("dkst-cert-");
}
