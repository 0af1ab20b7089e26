using System.Text.Json.Serialization;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Health;
using DoanKetSangTao.ServiceDefaults.Http;
using DoanKetSangTao.ServiceDefaults.Security;
using DoanKetSangTao.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DoanKetSangTao.ServiceDefaults;

/// <summary>What every service gets by calling <c>builder.AddServiceDefaults(...)</c> and <c>app.MapDefaultEndpoints()</c>.</summary>
public static class Extensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddPlatformTelemetry(serviceName);
        builder.Services.AddPlatformProblemDetails();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Http.IProblemDetailsWriter, ProblemJsonFallbackWriter>();
        builder.AddPlatformRequestLimits();
        builder.Services.AddPlatformHealthChecks();
        builder.AddPlatformAuthentication();
        builder.AddServiceIdentity(serviceName);
        builder.Services.AddPlatformGrpc();
        // Bad request bodies reach the exception handler (stable codes such as malformed_json) in every
        // environment, not only in Development, which is the framework's default.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.SnakeCaseLower));
            // Vietnamese stays readable in responses instead of \u escapes.
            o.SerializerOptions.Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
            // Strict numbers and range-checked dates and decimals for every request body of every service.
            JsonInput.Configure(o.SerializerOptions);
        });
        return builder;
    }

    /// <summary>
    /// The middleware every service runs, in order: security headers, errors as Problem Details, the platform's
    /// URL and header limits, which port serves what (gRPC only on the gRPC port), then <paramref name="beforeAuthentication"/> (the gateway's per-address limiter:
    /// a flood must not cost a token validation each), then authentication and authorization.
    /// </summary>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? beforeAuthentication = null)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePlatformRequestLimits();
        app.UseGrpcPortRule(app.Configuration);
        beforeAuthentication?.Invoke(app);
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.MapPlatformHealthEndpoints();
        app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Configuration["Kestrel:Endpoints:Grpc:Url"] is not null)
        {
            // grpc.health.v1 on the internal gRPC port, answering from the same readiness checks.
            app.MapPlatformGrpcHealth();
        }

        return app;
    }
}
