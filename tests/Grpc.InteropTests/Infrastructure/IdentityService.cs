using DoanKetSangTao.Launcher;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>
/// The identity service as the launcher starts it (its own process, database and seed of every service's client, behind
/// the gateway that is its public address), and nothing else of the platform: the issuer of the tokens the tests' gRPC
/// hosts validate and their clients present.
/// </summary>
public sealed class IdentityService : IAsyncLifetime
{
    private RabbitVirtualHost? vhost;

    public LocalSystem System { get; private set; } = null!;

    /// <summary>What a service is configured with to trust this identity service (its authority, over plain HTTP on loopback).</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Identity:Authority"] = System.Issuer,
        ["Identity:RequireHttpsMetadata"] = "false",
    };

    public async Task InitializeAsync()
    {
        vhost = await RabbitVirtualHost.CreateAsync("grpcid");
        System = await LocalSystem.StartAsync(TestPlatform.Options(TestInfrastructure.UniqueName("grpcid")[..20], vhost.Uri) with
        {
            OnlyServices = new HashSet<string>(StringComparer.Ordinal) { LocalSystem.Identity.Name },
        });
    }

    /// <summary>Services that call as <paramref name="service"/> does: its client at identity, its token cache.</summary>
    public ServiceCollection CallingAs(string service)
    {
        var services = new ServiceCollection();
        services.AddServiceTokens(_ => System.ServiceClient(service));
        return services;
    }

    public async Task DisposeAsync()
    {
        if (System is not null)
        {
            await System.DisposeAsync();
        }

        if (vhost is not null)
        {
            await vhost.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class IdentityCollection : ICollectionFixture<IdentityService>
{
    public const string Name = "identity service";
}
