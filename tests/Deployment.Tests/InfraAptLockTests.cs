using System.Diagnostics;
using DoanKetSangTao.Tests.DeploymentTests.Support;

namespace DoanKetSangTao.Tests.DeploymentTests;

/// <summary>
/// launcher/infra.sh install on a machine where another apt or dpkg run holds the package manager's lock
/// (a CI machine's boot-time upgrade, a second run started beside it): it waits, with a bound, and says
/// why it gave up. The lock is held for real, as dpkg and apt hold it (an fcntl lock on
/// /var/lib/dpkg/lock-frontend), and <c>apt-get check</c>, which takes that lock and changes nothing,
/// stands in for the install. Needs root, as the install does.
/// </summary>
[Collection(nameof(InfraAptLockTests))]
public sealed class InfraAptLockTests
{
    private const string FrontendLock = "/var/lib/dpkg/lock-frontend";

    [Fact]
    public async Task Install_waits_for_a_package_manager_that_holds_the_lock_then_proceeds()
    {
        using var holder = await LockHolder.HoldAsync(FrontendLock, TimeSpan.FromSeconds(3));
        var released = holder.ReleasedAsync();
        var (exit, output, _) = await RunAptGetAsync(lockTimeoutSeconds: 120);
        var finished = DateTime.UtcNow;

        Assert.True(exit == 0, output);
        // It finished after the other holder let go, so it waited rather than failing or skipping the lock.
        Assert.True(finished >= await released, output);
    }

    [Fact]
    public async Task Install_gives_up_after_the_bound_with_a_message_that_says_why()
    {
        using var holder = await LockHolder.HoldAsync(FrontendLock, TimeSpan.FromSeconds(60));
        var (exit, output, elapsed) = await RunAptGetAsync(lockTimeoutSeconds: 2);

        Assert.NotEqual(0, exit);
        Assert.Contains("held the apt/dpkg lock for more than 2s", output, StringComparison.Ordinal);
        Assert.Contains("DKST_APT_LOCK_TIMEOUT", output, StringComparison.Ordinal);
        Assert.True(elapsed >= TimeSpan.FromSeconds(2), $"gave up after {elapsed}: did not wait");
        Assert.True(elapsed < TimeSpan.FromSeconds(50), $"waited {elapsed}, past its bound of 2 s");
    }

    private static async Task<(int Exit, string Output, TimeSpan Elapsed)> RunAptGetAsync(int lockTimeoutSeconds)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(". \"$1\"; apt_get check");
        start.ArgumentList.Add("infra-test");
        start.ArgumentList.Add(Repo.Path("launcher/infra.sh"));
        start.Environment["DKST_APT_LOCK_TIMEOUT"] = lockTimeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr, clock.Elapsed);
    }

    /// <summary>A process that takes the lock as dpkg does, says so, and lets go after a while.</summary>
    private sealed class LockHolder : IDisposable
    {
        private const string Script = """
            import fcntl, os, sys, time
            fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o640)
            # Never wait unbounded: a real apt run (a boot-time upgrade) may hold it; give it two minutes, then fail loudly.
            deadline = time.monotonic() + 120
            while True:
                try:
                    fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        sys.exit("another package manager held the dpkg lock for 120 s")
                    time.sleep(0.2)
            print("held", flush=True)
            time.sleep(float(sys.argv[2]))
            os.close(fd)
            print("released", flush=True)
            """;

        private readonly Process process;

        private LockHolder(Process process) => this.process = process;

        public static async Task<LockHolder> HoldAsync(string path, TimeSpan duration)
        {
            var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(Script);
            start.ArgumentList.Add(path);
            start.ArgumentList.Add(duration.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var holder = new LockHolder(Process.Start(start)!);
            Assert.Equal("held", await holder.process.StandardOutput.ReadLineAsync());
            return holder;
        }

        /// <summary>Waits for the holder to let go and returns when it did.</summary>
        public async Task<DateTime> ReleasedAsync()
        {
            Assert.Equal("released", await process.StandardOutput.ReadLineAsync());
            return DateTime.UtcNow;
        }

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill();
            }

            process.Dispose();
        }
    }
}
