using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>
/// The gRPC port (<c>Kestrel:Endpoints:Grpc</c>) serves gRPC methods only, and every other port serves none: the
/// REST API and its health endpoints stay off the port that the chart opens to the platform's pods, and the
/// gRPC methods off the port the gateway proxies. Either refusal is a 404 before authentication (a gRPC
/// client reads it as UNIMPLEMENTED). A host without a gRPC endpoint serves both on any port.
/// </summary>
public static class GrpcPortRule
{
    public static IApplicationBuilder UseGrpcPortRule(this IApplicationBuilder app, IConfiguration configuration)
    {
        if (GrpcPort(configuration) is not { } grpcPort)
        {
            return app;
        }

        return app.Use((context, next) =>
        {
            var endpoint = context.GetEndpoint();
            var onGrpcPort = context.Connection.LocalPort == grpcPort;
            if (endpoint is not null && IsGrpcEndpoint(context) != onGrpcPort)
            {
                context.SetEndpoint(null);
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });
    }

    /// <summary>The port of <c>Kestrel:Endpoints:Grpc:Url</c>, or null when the host has no gRPC endpoint.</summary>
    public static int? GrpcPort(IConfiguration configuration) =>
        configuration["Kestrel:Endpoints:Grpc:Url"] is { Length: > 0 } url ? BindingAddress.Parse(url).Port : null;

    /// <summary>
    /// Whether the request was routed to a gRPC endpoint: a mapped method, or one of grpc-dotnet's UNIMPLEMENTED
    /// catch-alls (unknown service or method), which carry no method metadata but only match gRPC requests.
    /// </summary>
    internal static bool IsGrpcEndpoint(HttpContext context) => context.GetEndpoint() is { } endpoint
        && (endpoint.Metadata.GetMetadata<GrpcMethodMetadata>() is not null
            || (IsGrpcContentType(context.Request.ContentType) && endpoint.DisplayName?.StartsWith("gRPC", StringComparison.Ordinal) == true));

    internal static bool IsGrpcContentType(string? contentType) =>
        contentType is not null && contentType.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);
}
