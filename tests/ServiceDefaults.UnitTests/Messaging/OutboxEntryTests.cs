using DoanKetSangTao.Messaging;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Messaging;

public sealed class OutboxEntryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private static OutboxEntry Pending() => new(Guid.NewGuid(), "E", 0, Now, null, null);

    [Fact]
    public void A_new_entry_is_pending_and_due()
    {
        var entry = Pending();
        Assert.True(entry.IsPending);
        Assert.True(entry.IsDue(Now));
    }

    [Fact]
    public void Publishing_marks_it_sent_once()
    {
        var sent = Pending().MarkSent(Now);
        Assert.False(sent.IsPending);
        Assert.False(sent.IsDue(Now.AddDays(1)));
        Assert.Equal(Now, sent.SentAt);
        Assert.Throws<InvalidOperationException>(() => sent.MarkSent(Now));
        Assert.Throws<InvalidOperationException>(() => sent.MarkFailed(Now, "late failure"));
    }

    [Fact]
    public void A_failure_counts_the_attempt_keeps_the_error_and_waits_before_the_next_try()
    {
        var failed = Pending().MarkFailed(Now, "broker unreachable");
        Assert.True(failed.IsPending);
        Assert.Equal(1, failed.Attempts);
        Assert.Equal("broker unreachable", failed.LastError);
        Assert.False(failed.IsDue(Now));
        Assert.True(failed.IsDue(Now + TimeSpan.FromSeconds(1)));

        var again = failed.MarkFailed(Now, "still unreachable");
        Assert.Equal(2, again.Attempts);
        Assert.Equal(Now + TimeSpan.FromSeconds(2), again.NextAttemptAt);
    }

    [Fact]
    public void Success_after_failures_clears_the_error()
    {
        var sent = Pending().MarkFailed(Now, "x").MarkSent(Now.AddSeconds(5));
        Assert.Null(sent.LastError);
        Assert.Equal(1, sent.Attempts);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(5, 16)]
    [InlineData(9, 256)]
    [InlineData(10, 300)]
    [InlineData(1000, 300)]
    public void Backoff_doubles_and_is_capped_at_five_minutes(int failures, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), Backoff.After(failures));

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
