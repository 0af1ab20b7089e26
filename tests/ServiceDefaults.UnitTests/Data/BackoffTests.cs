using DoanKetSangTao.Data.Queues;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Data;

/// <summary>The one retry policy of every claimed queue (outbox publishes, e-mail deliveries).</summary>
public sealed class BackoffTests
{
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
}
