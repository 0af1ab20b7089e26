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

    /// <summary>A base port between <paramref name="low"/> and <paramref name="high"/> whose next 60 ports are free (a platform's listeners).</summary>
    public static int FreePortBlock(int low, int high)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = Random.Shared.Next(low, high);
            if (Enumerable.Range(start, 60).All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException($"No block of 60 free ports found between {low} and {high}.");

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
