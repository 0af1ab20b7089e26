using DoanKetSangTao.ServiceDefaults.Health;
using DoanKetSangTao.ServiceDefaults.Security;
using Grpc.AspNetCore.HealthChecks;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Net.Client.Configuration;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;


namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>
/// The platform's conventions on grpc-dotnet, in one place: every method requires a service token of the identity
/// service granted the method's scope (<see cref="ServiceIdentity"/>), a refused call answers with a gRPC status
/// (<see cref="GrpcAuthorizationResultHandler"/>), <c>grpc.health.v1.Health</c> answers from the "ready" checks for probes,
/// and each client of the platform carries this service's token for the called service's scope (<see cref="ServiceTokenHandler"/>).
/// Which port serves what is <see cref="GrpcPortRule"/>.
/// </summary>
public static class PlatformGrpcExtensions
{
    /// <summary>Adds grpc-dotnet's server, its health service and the platform's refusal mapping.</summary>
    public static IServiceCollection AddPlatformGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configure = null)
    {
        var grpc = services.AddGrpc();
        if (configure is not null)
        {
            grpc.Services.Configure(configure);
        }

        services.AddGrpcHealthChecks();
        // Each gRPC service mapped before the health service answers as the whole server does, from the "ready"
        // checks; any other name is NOT_FOUND. (The options are read at start-up, after every service is mapped.)
        services.TryAddSingleton<MappedGrpcServices>();
        services.AddOptions<GrpcHealthChecksOptions>().Configure<MappedGrpcServices>((o, mapped) =>
        {
            foreach (var name in mapped.Names.Append(""))
            {
                o.Services.Map(name, r => r.Tags.Contains(HealthExtensions.ReadyTag));
            }
        });
        services.Replace(ServiceDescriptor.Singleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, GrpcAuthorizationResultHandler>());
        return services;
    }

    /// <summary>
    /// Maps <typeparamref name="TService"/> for other platform services: a call needs a token of the identity service
    /// (UNAUTHENTICATED otherwise) addressed to this service and granted <paramref name="scope"/> (PERMISSION_DENIED
    /// otherwise). A host that names no identity service refuses to map.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapPlatformGrpcService<TService>(this IEndpointRouteBuilder endpoints, string scope)
        where TService : class
    {
        var audience = ServiceIdentity.ServedAudience(endpoints.ServiceProvider);
        var mapped = endpoints.MapGrpcService<TService>();
        mapped.RequireAuthorization(p => ServiceIdentity.RequireScope(p, audience, scope));
        return mapped;
    }

    /// <summary><c>grpc.health.v1.Health</c>, anonymous like the HTTP health endpoints: the kubelet's gRPC probe carries no token.</summary>
    public static IEndpointConventionBuilder MapPlatformGrpcHealth(this IEndpointRouteBuilder endpoints)
    {
        var names = endpoints.DataSources.SelectMany(d => d.Endpoints)
            .Select(e => e.Metadata.GetMetadata<GrpcMethodMetadata>()?.Method.ServiceName).OfType<string>();
        endpoints.ServiceProvider.GetRequiredService<MappedGrpcServices>().Names.UnionWith(names);
        return endpoints.MapGrpcHealthChecksService().AllowAnonymous();
    }

    /// <summary>
    /// Registers a client of another platform service's gRPC methods (grpc-dotnet's <c>AddGrpcClient</c>) that carries this
    /// service's token for <paramref name="scope"/> on every call, and tries a call refused as UNAUTHENTICATED once more
    /// with a new token (the refused one may have been revoked or its signing key retired). Resolving it on a host
    /// without a client secret says what to set.
    /// </summary>
    public static IHttpClientBuilder AddPlatformGrpcClient<TClient>(this IServiceCollection services, Uri address, string scope)
        where TClient : ClientBase =>
        services.AddGrpcClient<TClient>(o => o.Address = address)
            .ConfigureChannel(o => o.ServiceConfig = RetryOnceWhenUnauthenticated)
            .AddHttpMessageHandler(sp => new ServiceTokenHandler(sp.GetService<ServiceTokens>(), [scope]));

    private static readonly ServiceConfig RetryOnceWhenUnauthenticated = new()
    {
        MethodConfigs =
        {
            new MethodConfig
            {
                Names = { MethodName.Default },
                RetryPolicy = new RetryPolicy
                {
                    MaxAttempts = 2,
                    InitialBackoff = TimeSpan.FromMilliseconds(50),
                    MaxBackoff = TimeSpan.FromMilliseconds(50),
                    BackoffMultiplier = 1,
                    RetryableStatusCodes = { StatusCode.Unauthenticated },
                },
            },
        },
    };

    /// <summary>The gRPC services mapped before the health service.</summary>
    private sealed class MappedGrpcServices
    {
        public HashSet<string> Names { get; } = new(StringComparer.Ordinal);
    }
}
