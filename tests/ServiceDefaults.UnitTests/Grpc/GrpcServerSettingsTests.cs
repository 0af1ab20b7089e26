using DoanKetSangTao.ServiceDefaults.Grpc.Server;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class GrpcServerSettingsTests
{
    [Theory]
    [InlineData("http://+:5001", 5001)]
    [InlineData("http://*:5001", 5001)]
    [InlineData("http://0.0.0.0:5001/", 5001)]
    [InlineData("http://[::]:6001", 6001)]
    [InlineData("http://localhost:7001/base", 7001)]
    [InlineData("http://registration", 80)]
    [InlineData("https://[::1]", 443)]
    public void Grpc_endpoint_port_is_read_from_kestrel_urls(string url, int expected)
    {
        Assert.Equal(expected, GrpcServerSettings.ParsePort(url));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_grpc_endpoint_means_no_port_restriction(string? url)
    {
        Assert.Null(GrpcServerSettings.ParsePort(url));
    }

    [Theory]
    [InlineData("http://+:0")]
    [InlineData("http://+:abc")]
    [InlineData("http://+:70000")]
    [InlineData("5001")]
    public void Unusable_urls_fail_loudly(string url)
    {
        Assert.Throws<InvalidOperationException>(() => GrpcServerSettings.ParsePort(url));
    }
}
