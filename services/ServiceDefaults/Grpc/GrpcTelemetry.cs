using System.Diagnostics;

namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>
/// Tracing of gRPC calls. Client calls are activities of this source; on the server the
/// ASP.NET Core request activity is tagged (a Server activity of this source is started only
/// when there is none), so one trace spans caller and callee.
/// </summary>
public static class GrpcTelemetry
{
    /// <summary>Add this to the tracer provider's sources to record gRPC client calls.</summary>
    public const string ActivitySourceName = "DoanKetSangTao.Grpc";

    public const string RpcSystemTag = "rpc.system";
    public const string RpcServiceTag = "rpc.service";
    public const string RpcMethodTag = "rpc.method";
    public const string RpcStatusCodeTag = "rpc.grpc.status_code";

    internal static readonly ActivitySource Source = new(ActivitySourceName);

    internal static void TagCall(Activity activity, IMethod method)
    {
        activity.SetTag(RpcSystemTag, "grpc");
        activity.SetTag(RpcServiceTag, method.ServiceName);
        activity.SetTag(RpcMethodTag, method.Name);
    }

    internal static void TagStatus(Activity? activity, StatusCode statusCode, bool isServer)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetTag(RpcStatusCodeTag, (int)statusCode);
        if (isServer ? IsServerError(statusCode) : statusCode != StatusCode.OK)
        {
            activity.SetStatus(ActivityStatusCode.Error, statusCode.ToString());
        }
    }

    // OpenTelemetry RPC conventions: on the server only codes that mean the server failed are
    // errors; NOT_FOUND or INVALID_ARGUMENT are the caller's business.
    private static bool IsServerError(StatusCode statusCode) => statusCode is StatusCode.Unknown
        or StatusCode.DeadlineExceeded or StatusCode.Unimplemented or StatusCode.Internal
        or StatusCode.Unavailable or StatusCode.DataLoss;
}
