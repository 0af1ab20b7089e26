using System.Net;
using DoanKetSangTao.ServiceDefaults.Grpc;
using DoanKetSangTao.ServiceDefaults.Grpc.Internal;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class GrpcStatusMappingTests
{
    [Theory]
    [InlineData(400, StatusCode.Internal)]
    [InlineData(401, StatusCode.Unauthenticated)]
    [InlineData(403, StatusCode.PermissionDenied)]
    [InlineData(404, StatusCode.Unimplemented)]
    [InlineData(429, StatusCode.Unavailable)]
    [InlineData(502, StatusCode.Unavailable)]
    [InlineData(503, StatusCode.Unavailable)]
    [InlineData(504, StatusCode.Unavailable)]
    [InlineData(500, StatusCode.Unknown)]
    [InlineData(405, StatusCode.Unknown)]
    [InlineData(302, StatusCode.Unknown)]
    public void Http_status_without_grpc_status_maps_per_the_spec(int httpStatus, StatusCode expected)
    {
        Assert.Equal(expected, GrpcProtocol.FromHttpStatus((HttpStatusCode)httpStatus));
    }

    [Theory]
    [InlineData(0x0, StatusCode.Internal)] // NO_ERROR
    [InlineData(0x1, StatusCode.Internal)] // PROTOCOL_ERROR
    [InlineData(0x2, StatusCode.Internal)] // INTERNAL_ERROR
    [InlineData(0x7, StatusCode.Unavailable)] // REFUSED_STREAM
    [InlineData(0x8, StatusCode.Cancelled)] // CANCEL
    [InlineData(0xB, StatusCode.ResourceExhausted)] // ENHANCE_YOUR_CALM
    [InlineData(0xC, StatusCode.PermissionDenied)] // INADEQUATE_SECURITY
    public void Http2_reset_codes_map_per_the_spec(long errorCode, StatusCode expected)
    {
        Assert.Equal(expected, GrpcProtocol.FromHttp2ErrorCode(errorCode));
    }

    [Theory]
    [InlineData("0", StatusCode.OK)]
    [InlineData("5", StatusCode.NotFound)]
    [InlineData("16", StatusCode.Unauthenticated)]
    public void Grpc_status_header_parses(string value, StatusCode expected)
    {
        Assert.Equal(expected, GrpcProtocol.ParseStatus(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("OK")]
    [InlineData("-1")]
    [InlineData(" 5")]
    public void Malformed_grpc_status_is_no_status(string? value)
    {
        Assert.Null(GrpcProtocol.ParseStatus(value));
    }

    [Fact]
    public void Status_codes_have_their_wire_values()
    {
        Assert.Equal(17, Enum.GetValues<StatusCode>().Length);
        Assert.Equal(Enumerable.Range(0, 17), Enum.GetValues<StatusCode>().Select(c => (int)c));
        Assert.Equal(4, (int)StatusCode.DeadlineExceeded);
        Assert.Equal(14, (int)StatusCode.Unavailable);
    }

    [Theory]
    [InlineData("application/grpc", true)]
    [InlineData("application/grpc+proto", true)]
    [InlineData("Application/GRPC", true)]
    [InlineData("application/grpc; charset=utf-8", true)]
    [InlineData("application/grpc+json", false)]
    [InlineData("application/grpcx", false)]
    [InlineData("application/json", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_protobuf_grpc_content_types_are_served(string? contentType, bool supported)
    {
        Assert.Equal(supported, GrpcProtocol.IsSupportedContentType(contentType));
    }

    [Fact]
    public void RpcException_carries_status_and_trailers()
    {
        var trailers = new Metadata { { "x-reason", "quota" } };
        var ex = new RpcException(new Status(StatusCode.NotFound, "Không tìm thấy"), trailers);

        Assert.Equal(StatusCode.NotFound, ex.StatusCode);
        Assert.Equal("Không tìm thấy", ex.Status.Detail);
        Assert.Same(trailers, ex.Trailers);
        Assert.Empty(new RpcException(Status.DefaultCancelled).Trailers);
    }
}
