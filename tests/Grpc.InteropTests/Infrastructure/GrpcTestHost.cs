using DoanKetSangTao.Tests.Support;
using System.Net;
using System.Net.Sockets;
using DoanKetSangTao.ServiceDefaults.Grpc;
using Grpc.AspNetCore.Server;
using DoanKetSangTao.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace DoanKetSangTao.Tests.GrpcInteropTests.Infrastructure;

/// <summary>
/// A real Kestrel host on 127.0.0.1, set up like a service with the platform's pieces on grpc-dotnet: an
/// HTTP/2-only gRPC endpoint (Kestrel:Endpoints:Grpc) and a REST endpoint with the port rule between them,
/// an authorization fallback policy that demands a user, the test InitiativeLookup service and the gRPC
/// health service.
/// </summary>
internal sealed class GrpcTestHost : IAsyncDisposable
{
    /// <summary>The service the host serves its methods as: the audience its callers' tokens must name.</summary>
    public const string ServiceName = "registration";

    private readonly WebApplication _app;

    private GrpcTestHost(WebApplication app, int grpcPort, int restPort, CallProbe probe)
    {
        _app = app;
        GrpcPort = grpcPort;
        RestPort = restPort;
        Probe = probe;
    }

    public int GrpcPort { get; }

    public int RestPort { get; }

    public CallProbe Probe { get; }

    public Uri GrpcAddress => new($"http://127.0.0.1:{GrpcPort}");

    public Uri RestAddress => new($"http://127.0.0.1:{RestPort}");

    /// <param name="configureGrpc">grpc-dotnet's options, as a service would set them.</param>
    /// <param name="grpcEndpointName">"Grpc" restricts gRPC to that port; any other name leaves it unrestricted.</param>
    /// <param name="grpcProtocols">The HTTP protocols of the gRPC port.</param>
    /// <param name="restProtocols">The HTTP protocols of the REST port.</param>
    /// <param name="identity">
    /// The <c>Identity:*</c> settings of the issuer to trust (the identity service's authority, or an issuer and its key):
    /// the methods then require, as registration's do, a token addressed to <see cref="ServiceName"/> and granted
    /// <see cref="PlatformScopes.RegistrationLookups"/>. Without them the transport tests run against anonymous methods.
    /// </param>
    public static async Task<GrpcTestHost> StartAsync(
        Action<GrpcServiceOptions>? configureGrpc = null,
        string grpcEndpointName = "Grpc",
        string grpcProtocols = "Http2",
        string restProtocols = "Http1AndHttp2",
        IReadOnlyDictionary<string, string?>? identity = null)
    {
        // A free port can be taken by another process between the probe and Kestrel's bind: try fresh ports a few times.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await StartOnceAsync(configureGrpc, grpcEndpointName, grpcProtocols, restProtocols, identity);
            }
            catch (IOException e) when (attempt < 3 && e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
            {
            }
        }
    }

    private static async Task<GrpcTestHost> StartOnceAsync(
        Action<GrpcServiceOptions>? configureGrpc, string grpcEndpointName, string grpcProtocols, string restProtocols, IReadOnlyDictionary<string, string?>? identity)
    {
        var grpcPort = TestInfrastructure.FreeTcpPort();
        var restPort = TestInfrastructure.FreeTcpPort();
        var probe = new CallProbe();

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"Kestrel:Endpoints:{grpcEndpointName}:Url"] = $"http://127.0.0.1:{grpcPort}",
            [$"Kestrel:Endpoints:{grpcEndpointName}:Protocols"] = grpcProtocols,
            ["Kestrel:Endpoints:Rest:Url"] = $"http://127.0.0.1:{restPort}",
            ["Kestrel:Endpoints:Rest:Protocols"] = restProtocols,
        });
        builder.Configuration.AddInMemoryCollection(identity ?? new Dictionary<string, string?>());
        builder.Logging.ClearProviders();

        builder.Services.AddSingleton(probe);
        builder.Services.AddScoped<TestInitiativeLookup>();
        builder.Services.AddPlatformGrpc(configureGrpc);
        if (identity is not null)
        {
            builder.AddServiceIdentity(ServiceName);
        }

        builder.Services.AddHealthChecks()
            .AddCheck("ready-flag", () => probe.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy(), tags: ["ready"]);

        // As in the services: everything needs an authenticated user unless it says otherwise.
        builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        var app = builder.Build();
        app.UseStatusCodePages();
        app.UseGrpcPortRule(app.Configuration);
        if (identity is not null)
        {
            app.UseAuthentication();
        }

        app.UseAuthorization();
        if (identity is not null)
        {
            app.MapPlatformGrpcService<TestInitiativeLookup>(PlatformScopes.RegistrationLookups);
        }
        else
        {
            app.MapGrpcService<TestInitiativeLookup>().AllowAnonymous();
        }

        app.MapPlatformGrpcHealth();
        app.MapGet("/rest/ping", () => "pong").AllowAnonymous();

        await app.StartAsync();
        return new GrpcTestHost(app, grpcPort, restPort, probe);
    }

    public async ValueTask DisposeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(cts.Token);
        await _app.DisposeAsync();
    }
}
