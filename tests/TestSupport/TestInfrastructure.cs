namespace DoanKetSangTao.Tests.Support;

/// <summary>
/// Where the real PostgreSQL, RabbitMQ and SMTP servers started by <c>tests/run.sh</c> (through
/// <c>launcher/infra.sh</c>) listen. Missing settings fail the test with the command to run: a test that
/// needs a real server never passes without one.
/// </summary>
public static class TestInfrastructure
{
    public static string PostgresConnection => Required("DKST_PG_CONNECTION");

    public static string RabbitUri => Required("DKST_RABBIT_URI");

    public static string RabbitManagementUrl => Required("DKST_RABBIT_MGMT_URL");

    public static string RabbitUser => Required("DKST_RABBIT_USER");

    public static string RabbitPassword => Required("DKST_RABBIT_PASSWORD");

    public static int RabbitPort => int.Parse(Required("DKST_RABBIT_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string SmtpHost => Required("DKST_SMTP_HOST");

    public static int SmtpPort => int.Parse(Required("DKST_SMTP_PORT"), System.Globalization.CultureInfo.InvariantCulture);

    public static string MailDirectory => Required("DKST_MAIL_DIR");

    private static string Required(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{name} is not set. Run the tests with 'bash tests/run.sh', which starts real PostgreSQL, RabbitMQ and SMTP servers " +
            "(or source the env file that 'launcher/infra.sh start DIR' writes).");

    /// <summary>A unique, lower-case name usable as a database or virtual-host name.</summary>
    public static string UniqueName(string prefix) => $"t_{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 35)].ToLowerInvariant();

    /// <summary>The repository's root (where DoanKetSangTao.sln is), found above a test's output folder.</summary>
    public static string RepositoryRoot(string from)
    {
        for (var dir = new DirectoryInfo(from); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DoanKetSangTao.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DoanKetSangTao.sln not found above the test output.");
    }

    /// <summary>
    /// Ports for one local platform (<c>LocalSystem</c>): the gateway on the block's first port and the services
    /// from its tenth on, 60 ports in all. The block is drawn below the kernel's ephemeral range, because the
    /// outgoing connections of the services, the broker client and the test itself take local ports from that
    /// range and one of them could land on a port between the check and the bind (a CI run failed so).
    /// </summary>
    public static (int Gateway, int ServiceBase) PlatformPorts()
    {
        const int size = 60;
        var high = EphemeralRangeStart() - size;
        lock (HandedOut)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var start = Random.Shared.Next(20000, high);
                if (!HandedOut.Any(s => Math.Abs(s - start) < size) && Enumerable.Range(start, size).All(IsFree))
                {
                    HandedOut.Add(start);
                    return (start, start);
                }
            }
        }

        throw new InvalidOperationException($"No block of {size} free ports found between 20000 and {high}.");

        static bool IsFree(int port)
        {
            try
            {
                using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, port);
                l.Start();
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }
    }

    /// <summary>Blocks already given to a platform of this test run: two fixtures never share one.</summary>
    private static readonly List<int> HandedOut = [];

    /// <summary>The first port the kernel hands out for outgoing connections (32768 on Linux unless tuned).</summary>
    private static int EphemeralRangeStart()
    {
        const string path = "/proc/sys/net/ipv4/ip_local_port_range";
        return File.Exists(path) && int.TryParse(File.ReadAllText(path).Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)[0], out var low)
            ? Math.Max(low, 21000)
            : 32768;
    }

    public static int FreeTcpPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Polls until <paramref name="probe"/> returns a value, or fails with what was awaited.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        Exception? last = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.", last);
    }
}
