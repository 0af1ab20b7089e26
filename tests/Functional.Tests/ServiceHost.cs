using System.Net;
using System.Net.Http.Headers;
using DoanKetSangTao.Tests.Support;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DoanKetSangTao.Tests.Functional;

/// <summary>
/// One service in-process, configured as <c>launcher/Launcher/LocalSystem.cs</c> configures it (its own database,
/// the broker, a client secret for its gRPC calls, a trusted token issuer, production environment) but on a database and a RabbitMQ
/// virtual host of this test class alone, with no other service running. Started when the class starts, ready
/// (migrations applied, broker connected) before any test runs.
/// </summary>
public sealed class ServiceHost<TProgram> : IAsyncLifetime
    where TProgram : class
{
    private PostgresDatabase? database;
    private RabbitVirtualHost? vhost;
    private IBusControl? bus;
    private Factory? factory;

    public TestTokenIssuer Tokens { get; } = new();

    public PostgresDatabase Database => database!;

    /// <summary>The service's own services, for what an operator command would run (a rebuild) in the same process.</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>A confidential client the identity service creates at start, for a token of its own (client credentials).</summary>
    public const string ClientId = "kiem-thu-chuc-nang";

    public string ClientSecret { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));

    private string WriteIdentitySeed()
    {
        var path = Path.Combine(Path.GetTempPath(), $"dkst-fn-seed-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, System.Text.Json.JsonSerializer.Serialize(new
        {
            clients = new[] { new { clientId = ClientId, clientSecret = ClientSecret, displayName = "Kiểm thử chức năng", scopes = new[] { "api" } } },
        }));
        return path;
    }

    public async Task InitializeAsync()
    {
        database = await PostgresDatabase.CreateAsync("fn");
        vhost = await RabbitVirtualHost.CreateAsync("fn");
        var settings = new Dictionary<string, string?>(Tokens.Settings)
        {
            ["ConnectionStrings:Database"] = database.ConnectionString,
            ["ConnectionStrings:RabbitMq"] = vhost.Uri,
            // No other service runs, identity neither: a gRPC call out fails at once (connection refused, UNAVAILABLE)
            // instead of waiting on DNS.
            ["ServiceAuth:ClientSecret"] = "bi-mat-cua-dich-vu-khi-kiem-thu-chuc-nang",
            ["ServiceAuth:TokenEndpoint"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}/connect/token",
            ["Services:Registration:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Services:Appraisal:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            // Identity's public address and a client of the tests' own (the others ignore both); plain HTTP as on loopback.
            ["IdentityServer:Issuer"] = "http://127.0.0.1/",
            ["IdentityServer:RequireHttps"] = "false",
            ["IdentityServer:SeedFile"] = WriteIdentitySeed(),
            ["Services:Identity:Grpc"] = $"http://127.0.0.1:{TestInfrastructure.FreeTcpPort()}",
            ["Certificates:PublicBaseUrl"] = "http://127.0.0.1",
            ["Smtp:Host"] = TestInfrastructure.SmtpHost,
            ["Smtp:Port"] = TestInfrastructure.SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        factory = new Factory(settings);
        await TestInfrastructure.EventuallyAsync(async () =>
        {
            using var client = factory.CreateClient();
            using var response = await client.GetAsync("/health/ready");
            return response.StatusCode == HttpStatusCode.OK ? "ready" : null;
        }, TimeSpan.FromSeconds(60), $"{typeof(TProgram).Assembly.GetName().Name} to be ready");
        // The service starts its bus without waiting (the outbox keeps events meanwhile), and readiness does not
        // wait for it either; an event published before its queues are bound would be dropped by the broker.
        var serviceBus = factory.Services.GetRequiredService<IBusControl>();
        await TestInfrastructure.EventuallyAsync(
            () => Task.FromResult(serviceBus.CheckHealth().Status == BusHealthStatus.Healthy ? "bound" : null),
            TimeSpan.FromSeconds(60), $"{typeof(TProgram).Assembly.GetName().Name}'s consumers to be bound on the broker");
        bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(vhost.Uri)));
        await bus.StartAsync();
    }

    /// <summary>A client of the service, signed in as the person when one is given.</summary>
    public HttpClient Client(Person? person = null)
    {
        var http = factory!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (person is not null)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
                Tokens.Token(person.Id, person.Name, person.Role, person.Scope, person.Organization));
        }

        return http;
    }

    /// <summary>Publishes an event on the service's broker as its publisher would.</summary>
    public Task PublishAsync<T>(T message)
        where T : class => bus!.Publish(message);

    public async Task DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }

        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (vhost is not null)
        {
            await vhost.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
        }

        Tokens.Dispose();
    }

    private sealed class Factory(IReadOnlyDictionary<string, string?> settings) : WebApplicationFactory<TProgram>
    {
        // Host configuration is read while Program builds its services; settings given later would be missed.
        protected override IHost CreateHost(IHostBuilder builder)
        {
            builder.ConfigureHostConfiguration(c => c.AddInMemoryCollection(settings));
            return base.CreateHost(builder);
        }

        // Services run as in production; only the gateway, which hosts the development issuer, is in Development.
        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment(Environments.Production);
    }
}

/// <summary>A person as their token presents them: role, administrative scope and organization.</summary>
public sealed record Person(string Id, string Name, string Role, string Scope, Guid? Organization = null);
