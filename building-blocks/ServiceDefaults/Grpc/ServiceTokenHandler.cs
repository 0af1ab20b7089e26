using System.Net.Http.Headers;
using DoanKetSangTao.ServiceDefaults.Security;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>
/// Puts this service's token for <paramref name="scopes"/> (<see cref="ServiceTokens"/>) on each request of a platform gRPC
/// client (<see cref="PlatformGrpcExtensions.AddPlatformGrpcClient{TClient}"/>). A call that already carries an
/// <c>authorization</c> entry keeps it; a host without service tokens (a test's client) calls without one. A refusal as
/// UNAUTHENTICATED drops the token it refused, so that the client's one retry (and any later call) asks for a new one.
/// </summary>
internal sealed class ServiceTokenHandler(ServiceTokens? tokens, string[] scopes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (tokens is null || request.Headers.Contains("authorization"))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var token = await tokens.GetAsync(scopes, cancellationToken);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await base.SendAsync(request, cancellationToken);
        // A refusal is Trailers-Only: grpc-status arrives with the headers.
        if (response.Headers.TryGetValues("grpc-status", out var status) && status.FirstOrDefault() == UnauthenticatedStatus)
        {
            tokens.Invalidate(scopes, token);
        }

        return response;
    }

    private static readonly string UnauthenticatedStatus = ((int)global::Grpc.Core.StatusCode.Unauthenticated).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
