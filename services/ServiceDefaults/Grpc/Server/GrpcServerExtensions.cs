using DoanKetSangTao.ServiceDefaults.Grpc.Internal;
using DoanKetSangTao.ServiceDefaults.Grpc.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>Server registration, in the shape of grpc-dotnet's <c>AddGrpc</c> and <c>MapGrpcService</c>.</summary>
public static class GrpcServerExtensions
{
    /// <summary>Adds what <see cref="MapGrpcService{TService}"/> needs (and health checks, for the health service).</summary>
    public static IServiceCollection AddGrpc(this IServiceCollection services, Action<GrpcServiceOptions>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddRouting();
        services.AddHealthChecks();
        services.AddOptions<GrpcServiceOptions>();
        if (configureOptions is not null)
        {
            services.Configure(configureOptions);
        }

        services.TryAddSingleton<GrpcServerSettings>();
        return services;
    }

    /// <summary>
    /// Maps the unary methods of <typeparamref name="TService"/> (derived from a generated
    /// <c>...Base</c> class) at <c>/{service}/{method}</c>, plus UNIMPLEMENTED for unknown methods.
    /// When <c>Kestrel:Endpoints:Grpc:Url</c> is configured they answer only on that port.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcService<TService>(this IEndpointRouteBuilder endpoints)
        where TService : class => Map<TService>(endpoints, anonymous: false);

    private static GrpcServiceEndpointConventionBuilder Map<TService>(IEndpointRouteBuilder endpoints, bool anonymous)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var settings = services.GetService<GrpcServerSettings>()
            ?? throw new InvalidOperationException("Call services.AddGrpc() before mapping gRPC services.");
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TService).FullName ?? typeof(TService).Name);

        var binder = GrpcServiceBinder<TService>.Bind(settings, logger);
        var builders = new List<IEndpointConventionBuilder>();
        foreach (var handler in binder.Handlers)
        {
            builders.Add(endpoints.MapPost(handler.Method.FullName, handler.HandleCallAsync)
                .WithDisplayName($"gRPC - {handler.Method.FullName}"));
        }

        foreach (var serviceName in binder.Handlers.Select(h => h.Method.ServiceName).Distinct(StringComparer.Ordinal))
        {
            settings.AddService(serviceName);
            builders.Add(MapUnimplemented(endpoints, $"/{serviceName}/{{unimplementedMethod}}", "unimplementedMethod",
                new UnimplementedCallHandler(settings, "Method is unimplemented.")));
        }

        if (settings.TryClaimFallback(endpoints))
        {
            builders.Add(MapUnimplemented(endpoints, "/{unimplementedService}/{unimplementedMethod}", "unimplementedService",
                new UnimplementedCallHandler(settings, "Service is unimplemented.")));
        }

        // gRPC is internal service-to-service traffic: callers present a platform service's token, not a person's
        // (the chart's NetworkPolicy also closes the port to other pods).
        var conventions = new GrpcServiceEndpointConventionBuilder(builders);
        if (anonymous || services.GetRequiredService<IOptions<GrpcServiceOptions>>().Value.CallerPolicy is not { } policy)
        {
            return conventions.AllowAnonymous();
        }

        if (policy == Security.ServiceIdentity.Policy)
        {
            Security.ServiceIdentity.EnsureCanServe(services);
        }

        return conventions.RequireAuthorization(policy);
    }

    /// <summary>
    /// Maps <c>grpc.health.v1.Health/Check</c>, answered from the ASP.NET Core health checks tagged
    /// "ready": SERVING when healthy, NOT_SERVING otherwise. The empty service name means the whole
    /// server; names of mapped gRPC services get the same answer; any other name is NOT_FOUND.
    /// Anonymous, like the HTTP health endpoints: the kubelet's gRPC probe carries no token.
    /// </summary>
    public static GrpcServiceEndpointConventionBuilder MapGrpcHealthChecksService(this IEndpointRouteBuilder endpoints) =>
        Map<GrpcHealthChecksService>(endpoints, anonymous: true);

    private static IEndpointConventionBuilder MapUnimplemented(
        IEndpointRouteBuilder endpoints, string pattern, string constrainedParameter, UnimplementedCallHandler handler)
    {
        // The content-type constraint keeps these catch-alls away from non-gRPC requests.
        var routePattern = RoutePatternFactory.Parse(pattern, defaults: null,
            parameterPolicies: new RouteValueDictionary { [constrainedParameter] = new GrpcContentTypeConstraint() });
        return endpoints.Map(routePattern, handler.HandleCallAsync)
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Post]))
            .WithDisplayName($"gRPC - unimplemented {pattern}");
    }

    private sealed class GrpcContentTypeConstraint : IRouteConstraint
    {
        public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
            httpContext is not null && GrpcProtocol.IsGrpcContentType(httpContext.Request.ContentType);
    }
}

/// <summary>Applies conventions (authorization, metadata) to all endpoints of a mapped gRPC service.</summary>
public sealed class GrpcServiceEndpointConventionBuilder : IEndpointConventionBuilder
{
    private readonly IReadOnlyList<IEndpointConventionBuilder> _builders;

    internal GrpcServiceEndpointConventionBuilder(IReadOnlyList<IEndpointConventionBuilder> builders) => _builders = builders;

    public void Add(Action<EndpointBuilder> convention)
    {
        foreach (var builder in _builders)
        {
            builder.Add(convention);
        }
    }

    public void Finally(Action<EndpointBuilder> finallyConvention)
    {
        foreach (var builder in _builders)
        {
            builder.Finally(finallyConvention);
        }
    }
}
