using System.Globalization;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>
/// A refused call to a gRPC method answers as gRPC does: HTTP 200, <c>application/grpc</c> and, in a Trailers-Only
/// response, <c>grpc-status</c> UNAUTHENTICATED (no or invalid token) or PERMISSION_DENIED (a valid token of a caller
/// the method does not admit). The framework's default would be an HTTP 401/403 with a Problem Details body, which a
/// gRPC client can only guess at. grpc-dotnet's catch-alls for an unknown service or method answer the same way. Every other endpoint keeps the default.
/// </summary>
internal sealed class GrpcAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Succeeded || !GrpcPortRule.IsGrpcEndpoint(context))
        {
            return fallback.HandleAsync(next, context, policy, authorizeResult);
        }

        var (code, message) = authorizeResult.Forbidden
            ? (StatusCode.PermissionDenied, "Dịch vụ gọi đến không được phép dùng phương thức này.")
            : (StatusCode.Unauthenticated, "Cần mã thông báo hợp lệ của một dịch vụ trong nền tảng.");
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/grpc";
        context.Response.Headers["grpc-status"] = ((int)code).ToString(CultureInfo.InvariantCulture);
        // grpc-message is percent-encoded UTF-8; every gRPC client decodes any %XX.
        context.Response.Headers["grpc-message"] = Uri.EscapeDataString(message);
        return Task.CompletedTask;
    }
}
