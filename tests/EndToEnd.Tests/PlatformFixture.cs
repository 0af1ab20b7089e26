using System.Net.Http.Headers;
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
        System = await LocalSystem.StartAsync(TestPlatform.Options(databasePrefix, vhost.Uri) with
        {
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

    public async Task<List<T>> QueryRegistrationAsync<T>(string sql, string campaignId)
    {
        await using var connection = await OpenAsync("registration");
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("campaignId", campaignId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }

    /// <summary>A count straight from one service's database, keyed by one id (a message, an initiative).</summary>
    public async Task<long> CountAsync(string service, string sql, Guid id)
    {
        await using var connection = await OpenAsync(service);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<NpgsqlConnection> OpenAsync(string service)
    {
        var builder = new NpgsqlConnectionStringBuilder(TestInfrastructure.PostgresConnection)
        {
            Database = System.DatabaseName(LocalSystem.Services.Single(s => s.Name == service)),
        };
        var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        return connection;
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
}
