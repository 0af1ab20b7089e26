namespace DoanKetSangTao.ServiceDefaults.Grpc;

/// <summary>Placeholder until the gRPC layer lands (helper/grpc branch).</summary>
public static class GrpcTelemetry
{
    public const string ActivitySourceName = "DoanKetSangTao.Grpc";
}
