using System.Globalization;
using DoanKetSangTao.Launcher;

namespace DoanKetSangTao.Benchmarks;

/// <summary>Resident memory of the platform's processes, read from /proc (Linux only).</summary>
internal static class ProcessMemory
{
    /// <summary>
    /// VmRSS in MiB per process, found by the full path of its assembly on the command line: the
    /// launcher starts <c>dotnet /…/bin/Release/net10.0/X.dll</c>, and the path names this checkout,
    /// so processes of other checkouts on the same machine are not counted.
    /// </summary>
    public static IReadOnlyList<(string Name, double MiB)> Read(string repositoryRoot, string configuration)
    {
        var commandLines = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid))
            {
                try
                {
                    commandLines[pid] = File.ReadAllText(Path.Combine(dir, "cmdline"));
                }
                catch (IOException)
                {
                    // The process ended while we looked.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }

        return [.. LocalSystem.Services.Append(LocalSystem.Gateway).Select(service =>
        {
            var assembly = Path.Combine(repositoryRoot, service.ProjectDirectory, "bin", configuration, "net10.0", service.Assembly);
            var pids = commandLines.Where(c => c.Value.Split('\0').Contains(assembly)).Select(c => c.Key).ToList();
            if (pids.Count != 1)
            {
                throw new InvalidOperationException($"Expected one process running {assembly}, found {pids.Count}.");
            }

            return (service.Name, RssKiB(pids[0]) / 1024.0);
        })];
    }

    private static long RssKiB(int pid)
    {
        // "VmRSS:	  123456 kB"
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
