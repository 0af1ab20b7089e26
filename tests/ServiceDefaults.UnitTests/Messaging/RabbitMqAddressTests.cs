using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Messaging;

public sealed class RabbitMqAddressTests
{
    [Theory]
    [InlineData("amqp://dkst:p%40ss@broker.local:5673/tinh-01", "broker.local", 5673, "tinh-01", "dkst", "p@ss")]
    [InlineData("amqp://guest:guest@127.0.0.1/", "127.0.0.1", 5672, "/", "guest", "guest")]
    [InlineData("amqp://u:p@host:5672/%2F", "host", 5672, "/", "u", "p")]
    public void The_broker_address_is_split_as_the_host_configurator_needs(string uri, string host, int port, string vhost, string user, string password)
    {
        var address = RabbitMqAddress.Parse(uri);
        Assert.Equal(new RabbitMqAddress(host, (ushort)port, vhost, user, password), address);
        Assert.Equal(address, RabbitMqAddress.Parse(address.ToUri().ToString()));
    }

    [Fact]
    public void A_broker_address_that_is_not_amqp_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => RabbitMqAddress.Parse("http://broker:15672/"));
}
