using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DoanKetSangTao.ServiceDefaults.Http;

/// <summary>
/// Response headers every answer of the gateway and the services carries, set just before the response
/// starts so that they also cover error pages, rate-limit rejections and responses proxied by YARP.
/// The platform serves JSON only, so one strict Content-Security-Policy fits every response: a browser
/// that is tricked into rendering one runs nothing and frames nothing.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(static state =>
        {
            Apply((HttpContext)state);
            return Task.CompletedTask;
        }, context);
        return next(context);
    });

    internal static void Apply(HttpContext context)
    {
        var request = context.Request;
        var response = context.Response;
        // Keyed on what is answered, not on what the caller claims to send: a REST call with a gRPC content type keeps its headers.
        if (Grpc.GrpcPortRule.IsGrpcContentType(response.ContentType))
        {
            // gRPC answers are read by gRPC clients only; their metadata is not a browser's business.
            return;
        }

        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
        }

        // A proxied service may have said who it is; the platform does not (Kestrel's own header is off).
        headers.Remove(HeaderNames.Server);

        // What a signed-in person reads, and every error, must not be kept by a browser or a shared cache.
        // An endpoint that chose its own caching (a public, unauthenticated document) keeps its choice.
        if (string.IsNullOrEmpty(headers.CacheControl)
            && (request.Headers.ContainsKey(HeaderNames.Authorization) || response.StatusCode >= 400 || context.User.Identity?.IsAuthenticated == true))
        {
            headers.CacheControl = "no-store";
        }
    }
}
