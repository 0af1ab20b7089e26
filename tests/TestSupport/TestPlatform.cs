using DoanKetSangTao.Launcher;
using Npgsql;

namespace DoanKetSangTao.Tests.Support;

/// <summary>
/// The whole platform as the launcher starts it, for a test class: the test servers, free ports on loopback, and a
/// database prefix and state folder of its own, so that classes and the launcher running beside the suite never meet.
/// Callers add what is theirs with <c>with { … }</c> (a token issuer, an OTLP endpoint, gateway settings).
/// </summary>
public static class TestPlatform
{
    public static LocalSystemOptions Options(string prefix, string rabbitUri, string? postgresConnection = null)
    {
        var output = AppContext.BaseDirectory;
        var ports = TestInfrastructure.PlatformPorts();
        return new LocalSystemOptions
        {
            RepositoryRoot = TestInfrastructure.RepositoryRoot(output),
            Configuration = output.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug",
            PostgresConnection = postgresConnection ?? TestInfrastructure.PostgresConnection,
            RabbitUri = rabbitUri,
            SmtpHost = TestInfrastructure.SmtpHost,
            SmtpPort = TestInfrastructure.SmtpPort,
            DatabasePrefix = prefix,
            GatewayPort = ports.Gateway,
            ServiceBasePort = ports.ServiceBase,
            StateDirectory = Path.Combine(Path.GetTempPath(), prefix),
            // Every test person signs in from 127.0.0.1 (password, second factor, code exchange: credential endpoints the
            // gateway limits per address); the edge tests, which test that limit, set their own.
            GatewaySettings = new Dictionary<string, string>
            {
                ["Gateway:TokenEndpoint:BurstLimit"] = "1000",
                ["Gateway:TokenEndpoint:Tokens"] = "1000",
                ["Gateway:TokenEndpoint:PeriodSeconds"] = "1",
            },
        };
    }

    /// <summary>Drops every service's database of a platform whose databases are named <c>{prefix}_{service}</c>.</summary>
    public static async Task DropDatabasesAsync(string prefix)
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestInfrastructure.PostgresConnection);
        await admin.OpenAsync();
        foreach (var service in LocalSystem.Services)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{prefix}_{service.Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
