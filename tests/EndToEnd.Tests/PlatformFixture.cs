using System.Net.Http.Headers;
using System.Net.Sockets;
using DoanKetSangTao.Launcher;
using DoanKetSangTao.Tests.Support;
using Npgsql;

namespace DoanKetSangTao.Tests.EndToEnd;

/// <summary>
/// The whole platform as real processes, started like the launcher starts it, on the real PostgreSQL,
/// RabbitMQ (a virtual host of its own) and SMTP servers, exporting traces to an in-test collector.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    private RabbitVirtualHost? vhost;
    private string databasePrefix = string.Empty;

    public LocalSystem System { get; private set; } = null!;

    public OtlpCollector Collector { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Collector = await OtlpCollector.StartAsync();
        vhost = await RabbitVirtualHost.CreateAsync("e2e");
        databasePrefix = TestInfrastructure.UniqueName("e2e")[..20];
        var testOutput = AppContext.BaseDirectory;
        System = await LocalSystem.StartAsync(new LocalSystemOptions
        {
            RepositoryRoot = FindRepositoryRoot(testOutput),
            Configuration = testOutput.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
            PostgresConnection = TestInfrastructure.PostgresConnection,
            RabbitUri = vhost.Uri,
            SmtpHost = TestInfrastructure.SmtpHost,
            SmtpPort = TestInfrastructure.SmtpPort,
            DatabasePrefix = databasePrefix,
            GatewayPort = TestInfrastructure.FreeTcpPort(),
            ServiceBasePort = FreePortBlock(),
            StateDirectory = Path.Combine(Path.GetTempPath(), databasePrefix),
            OtlpEndpoint = Collector.Endpoint,
        });
    }

    public HttpClient Client(string? token = null)
    {
        var http = new HttpClient { BaseAddress = new Uri(System.GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };
        if (token is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    /// <summary>A count straight from registration's own database, for assertions that nothing was stored.</summary>
    public async Task<long> CountInRegistrationAsync(string sql, string campaignId)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnection) { Database = System.DatabaseName(LocalSystem.Services[0]) };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("campaignId", campaignId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        await Collector.DisposeAsync();
        if (vhost is not null)
        {
            await vhost.DisposeAsync();
        }

        await using var admin = new NpgsqlConnection(TestInfrastructure.PostgresConnection);
        await admin.OpenAsync();
        foreach (var service in LocalSystem.Services)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databasePrefix}_{service.Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private static string FindRepositoryRoot(string from)
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

    /// <summary>A base port whose next 60 ports are free, for the services' HTTP and gRPC listeners.</summary>
    private static int FreePortBlock()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var start = Random.Shared.Next(20_000, 30_000);
            if (Enumerable.Range(start, 60).All(IsFree))
            {
                return start;
            }
        }

        throw new InvalidOperationException("No block of 60 free ports found between 20000 and 30000.");

        static bool IsFree(int port)
        {
            try
            {
                using var l = new TcpListener(global::System.Net.IPAddress.Loopback, port);
                l.Start();
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }
    }
}
