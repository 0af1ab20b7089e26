using Microsoft.Extensions.Diagnostics.HealthChecks;
using HealthV1 = DoanKetSangTao.ServiceDefaults.Grpc.Health.V1;

namespace DoanKetSangTao.ServiceDefaults.Grpc.Server;

/// <summary>grpc.health.v1.Health/Check answered from the ASP.NET Core health checks tagged "ready".</summary>
internal sealed class GrpcHealthChecksService(HealthCheckService healthChecks, GrpcServerSettings settings)
    : HealthV1.Health.HealthBase
{
    public const string ReadyTag = "ready";

    public override async Task<HealthV1.HealthCheckResponse> Check(HealthV1.HealthCheckRequest request, ServerCallContext context)
    {
        // Every mapped service is served by this one process, so each shares the server's readiness.
        if (request.Service.Length > 0 && !settings.IsKnownService(request.Service))
        {
            throw new RpcException(new Status(StatusCode.NotFound, $"Service '{request.Service}' is unknown."));
        }

        var report = await healthChecks.CheckHealthAsync(r => r.Tags.Contains(ReadyTag), context.CancellationToken)
            .ConfigureAwait(false);
        return new HealthV1.HealthCheckResponse
        {
            Status = report.Status == HealthStatus.Healthy
                ? HealthV1.HealthCheckResponse.Types.ServingStatus.Serving
                : HealthV1.HealthCheckResponse.Types.ServingStatus.NotServing,
        };
    }
}
