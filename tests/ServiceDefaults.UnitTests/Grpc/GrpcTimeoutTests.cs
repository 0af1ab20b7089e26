using DoanKetSangTao.ServiceDefaults.Grpc.Internal;

namespace DoanKetSangTao.Tests.ServiceDefaultsUnitTests.Grpc;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("30S", 300_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("1500u", 15_000L)]
    [InlineData("100n", 1L)]
    [InlineData("150n", 2L)] // rounded up to whole ticks
    [InlineData("1n", 1L)]
    [InlineData("0S", 0L)]
    [InlineData("00000005S", 50_000_000L)]
    public void Valid_values_parse(string value, long expectedTicks)
    {
        Assert.True(GrpcTimeout.TryParse(value, out var timeout));
        Assert.Equal(expectedTicks, timeout.Ticks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("10")]
    [InlineData("10s")] // units are case-sensitive: s is not S
    [InlineData("10h")]
    [InlineData("10x")]
    [InlineData("-1S")]
    [InlineData("+1S")]
    [InlineData(" 1S")]
    [InlineData("1 S")]
    [InlineData("1.5S")]
    [InlineData("123456789S")] // nine digits
    [InlineData("99999999999999999999H")]
    [InlineData("١S")] // non-ASCII digit
    public void Invalid_values_are_refused(string? value)
    {
        Assert.False(GrpcTimeout.TryParse(value, out _));
    }

    [Fact]
    public void Largest_value_parses_without_overflow_and_clamps_the_deadline()
    {
        Assert.True(GrpcTimeout.TryParse("99999999H", out var timeout));
        Assert.Equal(TimeSpan.FromHours(99_999_999), timeout);
        Assert.Equal(DateTime.MaxValue, GrpcTimeout.ToDeadline(DateTime.UtcNow, timeout));
    }

    [Fact]
    public void Deadline_is_now_plus_timeout()
    {
        var now = new DateTime(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(now.AddSeconds(5), GrpcTimeout.ToDeadline(now, TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(999_999L, "99999900n")]
    [InlineData(1_000_000L, "100000u")] // 100 ms no longer fits in 8 digits of nanoseconds
    [InlineData(10_000_000L, "1000000u")] // 1 s
    [InlineData(1_000_000_001L, "100001m")] // 100.0000001 s rounds up to the next millisecond
    [InlineData(36_000_000_000L, "3600000m")] // 1 h
    [InlineData(1_000_000_000_000L, "100000S")]
    public void Format_picks_the_finest_unit_that_fits_eight_digits(long ticks, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromTicks(ticks)));
    }

    [Fact]
    public void Huge_timeouts_format_as_the_largest_value()
    {
        Assert.Equal("99999999H", GrpcTimeout.Format(TimeSpan.MaxValue));
        Assert.Equal("2103840M", GrpcTimeout.Format(TimeSpan.FromDays(1461))); // 126,230,400 s: too many digits in S
        Assert.Equal("1752000H", GrpcTimeout.Format(TimeSpan.FromDays(73_000)));
    }

    [Fact]
    public void Non_positive_timeouts_format_as_already_due()
    {
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.Zero));
        Assert.Equal("1n", GrpcTimeout.Format(TimeSpan.FromSeconds(-3)));
    }

    [Theory]
    [InlineData(0.0003)]
    [InlineData(0.5)]
    [InlineData(7.25)]
    [InlineData(86_400.0)]
    [InlineData(31_536_000.0)]
    public void Formatted_timeouts_parse_back_no_shorter_and_barely_longer(double seconds)
    {
        var timeout = TimeSpan.FromSeconds(seconds);
        var formatted = GrpcTimeout.Format(timeout);

        Assert.InRange(formatted.Length, 2, 9);
        Assert.True(GrpcTimeout.TryParse(formatted, out var parsed), formatted);
        Assert.InRange(parsed, timeout, timeout + TimeSpan.FromTicks(Math.Max(1, timeout.Ticks / 10_000)));
    }
}
